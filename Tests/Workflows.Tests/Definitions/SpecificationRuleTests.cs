using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Tests.Support;
using Orchestrator.Workflows.Timing;
using Orchestrator.Workflows.Validation;

namespace Orchestrator.Workflows.Tests.Definitions;

/// <summary>The engine cases the validator must refuse, and the files it must accept while saying what runs.</summary>
public sealed class SpecificationRuleTests
{
    [Fact]
    public void BH04_an_event_based_gateway_leading_to_a_user_task_is_refused_naming_the_gateway_the_flow_and_its_line()
    {
        var problems = BpmnParser.Validate(EngineCases.Read("BH-04-"));

        var problem = Assert.Single(problems);
        Assert.Equal("eventBasedGateway", problem.ElementType);
        Assert.Equal("race", problem.ElementId);
        Assert.Equal(8, problem.Line);
        Assert.Contains("outgoing flow 'f1' (line 16) leads to userTask 'callPerson'", problem.Reason);
    }

    [Fact]
    public void BH07_a_duration_no_date_can_hold_is_refused_naming_the_element_and_its_line()
    {
        var problem = Assert.Single(BpmnParser.Validate(EngineCases.Read("BH-07-")));

        Assert.Equal("intermediateCatchEvent", problem.ElementType);
        Assert.Equal("longWait", problem.ElementId);
        Assert.Equal(7, problem.Line);
        Assert.Contains("'P99999Y' is too long", problem.Reason);
    }

    [Fact]
    public void A_file_with_one_executable_pool_runs_it_and_says_the_documented_partner_does_not_run()
    {
        var xml = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:test">
              <bpmn:collaboration id="c"><bpmn:participant id="p1" name="Équipe" processRef="care" /><bpmn:participant id="p2" name="Hôpital" processRef="partner" /></bpmn:collaboration>
              <bpmn:process id="care" isExecutable="true"><bpmn:startEvent id="s1" /><bpmn:endEvent id="e1" /><bpmn:sequenceFlow id="f1" sourceRef="s1" targetRef="e1" /></bpmn:process>
              <bpmn:process id="partner" isExecutable="false" />
            </bpmn:definitions>
            """;

        Assert.Equal("care", BpmnParser.Parse(xml).Id);
        Assert.Equal(["process 'care' (pool 'Équipe') runs", "process 'partner' (pool 'Hôpital') is marked non-executable and does not run"],
            BpmnParser.DescribeProcesses(xml));
    }

    [Fact]
    public void The_cycle_floor_is_an_option_a_deployment_may_lower()
    {
        var xml = Support.Bpmn.Process("p", """<bpmn:startEvent id="tick">""" + Support.Bpmn.Timer("timeCycle", "R/PT10S")
            + """</bpmn:startEvent><bpmn:endEvent id="end" />""" + Support.Bpmn.Flow("a", "tick", "end"));

        Assert.NotEmpty(BpmnParser.Validate(xml));
        Assert.Empty(BpmnParser.Validate(xml, timers: TimerRules.Default with { MinimumCycleInterval = TimeSpan.FromSeconds(5) }));
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_at_start_up_with_the_setting_named()
    {
        var options = new Engine.WorkflowOptions { TimeZone = "Europe/Pariss" };
        Assert.Equal("Workflows:TimeZone 'Europe/Pariss' is not a time zone of the tz database (e.g. Europe/Paris).", options.Problem());
        Assert.Null(new Engine.WorkflowOptions().Problem());
    }

    [Fact]
    public async Task A_published_version_whose_start_cycle_has_since_passed_still_loads_after_a_restart()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Support.Bpmn.Process("seasonal", $"""
            <bpmn:startEvent id="manual" /><bpmn:startEvent id="tick">{Support.Bpmn.Timer("timeCycle", "R2/2026-01-20T09:00:00Z/P1D")}</bpmn:startEvent>
            <bpmn:userTask id="work" /><bpmn:endEvent id="end" />
            {Support.Bpmn.Flow("a", "manual", "work")}{Support.Bpmn.Flow("b", "tick", "work")}{Support.Bpmn.Flow("c", "work", "end")}
            """));
        await h.AdvanceToAsync(DateTimeOffset.Parse("2026-01-20T09:00:00Z"));
        await h.AdvanceToAsync(DateTimeOffset.Parse("2026-01-21T09:00:00Z"));
        await h.AdvanceToAsync(DateTimeOffset.Parse("2026-03-01T09:00:00Z"));
        await h.RestartAsync();

        var id = await h.Engine.StartAsync("seasonal");

        Assert.Equal(["work"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        await using var db = await h.Db();
        Assert.Equal(3, db.Instances.Count()); // two started by the cycle, one by hand
    }

    [Fact]
    public void A_choice_reads_by_its_labels_and_a_label_list_that_does_not_match_its_values_is_refused_naming_the_field()
    {
        static string Form(string labels) => Support.Bpmn.Process("p", $"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="t"><bpmn:extensionElements>
            <orc:field name="opinion" type="choice" values="favourable,unfavourable" {labels} label="Avis" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="e" />{Support.Bpmn.Flow("f0", "s", "t")}{Support.Bpmn.Flow("f1", "t", "e")}
            """);

        var field = BpmnParser.Parse(Form("""labels="Favorable, Défavorable" """))["t"].Fields.Single();
        Assert.Equal(("Favorable", "Défavorable", "autre"), (field.LabelOf("favourable"), field.LabelOf("unfavourable"), field.LabelOf("autre")));
        var problem = Assert.Single(BpmnParser.Validate(Form("""labels="Favorable" """)));
        Assert.Equal("t", problem.ElementId);
        Assert.Contains("choice field 'opinion' has 2 values but 1 labels", problem.Reason);
    }
}
