using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

/// <summary>Escalation events: thrown by intermediate or end events, caught by boundaries or event sub-processes, interrupting or not, across call activities.</summary>
public sealed class EscalationEventTests
{
    private const string Escalations = """<bpmn:escalation id="Director" escalationCode="TO_DIRECTOR" /><bpmn:escalation id="Doctor" escalationCode="TO_DOCTOR" />""";

    /// <summary>A sub-process where the referent, unable to solve a situation, escalates to the director, then goes on with the follow-up.</summary>
    private static string Stage(string throwElement, string boundaries) => Process("stay", $"""
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="stage">
          <bpmn:startEvent id="s" /><bpmn:userTask id="assess" />
          {throwElement}
          {Flow("s0", "s", "assess")}{Flow("s1", "assess", "raise")}
        </bpmn:subProcess>
        {boundaries}
        <bpmn:endEvent id="end" />
        {Flow("f0", "start", "stage")}{Flow("f1", "stage", "end")}
        """, Escalations);

    private const string ThrowThenFollowUp = """<bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="Director" /></bpmn:intermediateThrowEvent><bpmn:userTask id="followUp" /><bpmn:endEvent id="se" /><bpmn:sequenceFlow id="s2" sourceRef="raise" targetRef="followUp" /><bpmn:sequenceFlow id="s3" sourceRef="followUp" targetRef="se" />""";

    private static string Boundary(bool interrupting, string escalationRef = """ escalationRef="Director" """) =>
        $"""<bpmn:boundaryEvent id="toDirector" attachedToRef="stage" cancelActivity="{(interrupting ? "true" : "false")}"><bpmn:escalationEventDefinition{escalationRef}/></bpmn:boundaryEvent><bpmn:userTask id="directorReview" /><bpmn:endEvent id="reviewed" />{Flow("b0", "toDirector", "directorReview")}{Flow("b1", "directorReview", "reviewed")}""";

    [Fact]
    public async Task A_non_interrupting_escalation_opens_the_directors_task_while_the_referent_goes_on()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Stage(ThrowThenFollowUp, Boundary(interrupting: false)));
        var id = await h.Engine.StartAsync("stay");

        await h.CompleteAsync(id, "assess");

        Assert.Equal(["directorReview", "followUp"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Order());
        await h.CompleteAsync(id, "followUp");
        await h.CompleteAsync(id, "directorReview");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        Assert.Contains("completed:end", await h.TraceAsync(id));
    }

    [Fact]
    public async Task An_interrupting_escalation_ends_the_sub_process_and_the_thrower_does_not_go_on()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Stage(ThrowThenFollowUp, Boundary(interrupting: true)));
        var id = await h.Engine.StartAsync("stay");

        await h.CompleteAsync(id, "assess");

        Assert.Equal(["directorReview"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        var trace = await h.TraceAsync(id);
        Assert.Contains("cancelled:stage", trace);
        Assert.DoesNotContain("entered:followUp", trace);
    }

    [Fact]
    public async Task A_catch_without_code_catches_every_escalation_and_one_with_another_code_does_not()
    {
        await using (var h = await WorkflowHarness.CreateAsync())
        {
            await h.DeployAsync(Stage(ThrowThenFollowUp, Boundary(interrupting: false, escalationRef: " ")));
            var id = await h.Engine.StartAsync("stay");
            await h.CompleteAsync(id, "assess");
            Assert.Contains(await h.OpenTasksAsync(id), t => t.ElementId == "directorReview");
        }
        await using (var h = await WorkflowHarness.CreateAsync())
        {
            await h.DeployAsync(Stage(ThrowThenFollowUp, Boundary(interrupting: false, escalationRef: """ escalationRef="Doctor" """)));
            var id = await h.Engine.StartAsync("stay");
            await h.CompleteAsync(id, "assess");
            // Uncaught, an escalation changes nothing (BPMN 2.0 §10.5.3): the referent goes on.
            Assert.Equal(["followUp"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
            Assert.Contains("completed:raise", await h.TraceAsync(id));
        }
    }

    [Fact]
    public async Task An_escalation_end_event_is_caught_by_a_process_level_event_sub_process()
    {
        var endThrow = """<bpmn:endEvent id="raise"><bpmn:escalationEventDefinition escalationRef="Director" /></bpmn:endEvent>""";
        var eventSubProcess = $"""
            <bpmn:subProcess id="onEscalation" triggeredByEvent="true">
              <bpmn:startEvent id="escStart" isInterrupting="false"><bpmn:escalationEventDefinition escalationRef="Director" /></bpmn:startEvent>
              <bpmn:userTask id="directorCall" /><bpmn:endEvent id="escEnd" />
              {Flow("e0", "escStart", "directorCall")}{Flow("e1", "directorCall", "escEnd")}
            </bpmn:subProcess>
            """;
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Stage(endThrow, eventSubProcess));
        var id = await h.Engine.StartAsync("stay");

        await h.CompleteAsync(id, "assess");

        Assert.Equal(["directorCall"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.Contains("completed:end", await h.TraceAsync(id)); // the stage ended normally beside it
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status);
        await h.CompleteAsync(id, "directorCall");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task A_called_process_escalates_to_the_boundary_of_its_call_activity_and_keeps_running()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("assessment", $"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="assess" />{ThrowThenFollowUp}
            {Flow("a0", "s", "assess")}{Flow("s1", "assess", "raise")}
            """, Escalations));
        await h.DeployAsync(Process("stay", $"""
            <bpmn:startEvent id="start" /><bpmn:callActivity id="call" calledElement="assessment" /><bpmn:endEvent id="end" />
            <bpmn:boundaryEvent id="toDirector" attachedToRef="call" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="Director" /></bpmn:boundaryEvent>
            <bpmn:userTask id="directorReview" /><bpmn:endEvent id="reviewed" />
            {Flow("f0", "start", "call")}{Flow("f1", "call", "end")}{Flow("b0", "toDirector", "directorReview")}{Flow("b1", "directorReview", "reviewed")}
            """, Escalations));
        var id = await h.Engine.StartAsync("stay");
        await using var db = await h.Db();
        var child = db.Instances.Single(i => i.ParentInstanceId == id).Id;

        await h.CompleteAsync(child, "assess");

        Assert.Equal(["directorReview"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.Equal(["followUp"], (await h.OpenTasksAsync(child)).Select(t => t.ElementId));
        await h.CompleteAsync(child, "followUp");
        await h.CompleteAsync(id, "directorReview");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public void An_escalation_caught_on_a_service_task_or_thrown_without_code_is_refused_naming_the_element()
    {
        var onTask = Process("p", $"""
            <bpmn:startEvent id="s" /><bpmn:serviceTask id="t" orc:activity="Record" /><bpmn:endEvent id="e" />
            <bpmn:boundaryEvent id="b" attachedToRef="t"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent><bpmn:endEvent id="be" />
            {Flow("f0", "s", "t")}{Flow("f1", "t", "e")}{Flow("f2", "b", "be")}
            """);
        var noCode = Process("p", $"""
            <bpmn:startEvent id="s" /><bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition /></bpmn:intermediateThrowEvent><bpmn:endEvent id="e" />
            {Flow("f0", "s", "raise")}{Flow("f1", "raise", "e")}
            """);

        Assert.Contains(BpmnParser.Validate(onTask), p => p.ElementId == "b" && p.Reason.Contains("only sub-processes, call activities and user tasks (a person raising it) do"));
        Assert.Contains(BpmnParser.Validate(noCode), p => p.ElementId == "raise" && p.Reason.Contains("needs escalationRef"));
    }
}
