using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

/// <summary>Conditions yield booleans; flows out of an activity split like an inclusive gateway; no way out is a failure naming the element.</summary>
public sealed class ConditionTests
{
    [Fact]
    public async Task BH01_an_activity_whose_conditional_flows_are_all_false_refuses_the_completion_and_stays_open()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        var key = await h.DeployAsync(EngineCases.Read("BH-01-"));
        var id = await h.Engine.StartAsync(key);

        var task = (await h.OpenTasksAsync(id)).Single();
        var error = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.CompleteTaskAsync(task.Id,
            new Dictionary<string, object?> { ["needsHousing"] = false, ["needsCare"] = false }));

        Assert.Equal("no-path", error.Code);
        Assert.Equal("assess", error.ElementId);
        Assert.Equal("userTask", error.ElementType);
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status);
        Assert.Equal(["assess"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.DoesNotContain("entered:endHousing", await h.TraceAsync(id));
        await using (var db = await h.Db())
            Assert.Contains("userTask 'assess': no outgoing flow has a true condition", db.Incidents.Single(i => i.ResolvedAt == null).Message);

        // Once answered so that a way out exists, the completion goes through and the incident is resolved.
        await h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["needsHousing"] = true, ["needsCare"] = false });
        Assert.Equal(["housingRequest"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        await using (var db = await h.Db())
            Assert.Empty(db.Incidents.Where(i => i.ResolvedAt == null));
    }

    [Fact]
    public async Task BH01_an_activity_whose_conditional_flows_are_both_true_takes_both_like_an_inclusive_split()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        var key = await h.DeployAsync(EngineCases.Read("BH-01-"));
        var id = await h.Engine.StartAsync(key);

        await h.CompleteAsync(id, "assess", new Dictionary<string, object?> { ["needsHousing"] = true, ["needsCare"] = true });
        Assert.Equal(["housingRequest", "careRequest"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Order().Reverse());
        await h.CompleteAsync(id, "housingRequest");
        await h.CompleteAsync(id, "careRequest");

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        var trace = await h.TraceAsync(id);
        Assert.Contains("completed:endHousing", trace);
        Assert.Contains("completed:endCare", trace);
    }

    [Fact]
    public async Task An_activity_takes_its_unconditional_flows_and_its_true_ones()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        // No default beside the unconditional flow: it would never be taken here (as in Camunda), where BPMN 2.0's words take it
        // whenever no conditional flow is true; a model read two ways is refused (InvalidDefinitionTests).
        await h.DeployAsync(Process("mixed", $"""
            <bpmn:startEvent id="start" /><bpmn:manualTask id="sort" />
            <bpmn:userTask id="always" /><bpmn:userTask id="ifUrgent" />
            {Flow("f0", "start", "sort")}{Flow("f1", "sort", "always")}{Flow("f2", "sort", "ifUrgent", "${urgent}")}
            """));

        var urgent = await h.Engine.StartAsync("mixed", new Dictionary<string, object?> { ["urgent"] = true });
        var routine = await h.Engine.StartAsync("mixed", new Dictionary<string, object?> { ["urgent"] = false });

        Assert.Equal(["always", "ifUrgent"], (await h.OpenTasksAsync(urgent)).Select(t => t.ElementId).Order());
        Assert.Equal(["always"], (await h.OpenTasksAsync(routine)).Select(t => t.ElementId));
    }

    [Fact]
    public async Task BH02b_a_condition_yielding_a_text_fails_the_step_naming_the_gateway_and_the_flow_and_writes_nothing()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        var key = await h.DeployAsync(EngineCases.Read("BH-02b-"));

        var error = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync(key, new Dictionary<string, object?> { ["urgent"] = "non" }));

        Assert.Equal("condition", error.Code);
        Assert.Equal("urgentQ", error.ElementId);
        Assert.Contains("'toUrgent'", error.Reason);
        Assert.Contains("not true or false", error.Reason);
        await using var db = await h.Db();
        Assert.Empty(db.Instances);
    }

    [Theory]
    [InlineData(true, "endUrgent")]
    [InlineData(false, "endRoutine")]
    public async Task BH02b_a_boolean_condition_decides_as_written(bool urgent, string end)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        var key = await h.DeployAsync(EngineCases.Read("BH-02b-"));
        var id = await h.Engine.StartAsync(key, new Dictionary<string, object?> { ["urgent"] = urgent });
        Assert.Contains($"completed:{end}", await h.TraceAsync(id));
    }

    [Theory]
    [InlineData("${level}", "number")]
    [InlineData("${missing > 1}", "missing")]
    [InlineData("${label}", "text")]
    public async Task A_condition_on_a_number_a_text_or_a_missing_variable_fails_naming_the_flow(string condition, string reasonPart)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("typed", $"""
            <bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" default="other" />
            <bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
            {Flow("f0", "start", "gw")}{Flow("cond", "gw", "a", condition)}{Flow("other", "gw", "b")}
            """));

        var error = await Assert.ThrowsAsync<StepFailedException>(() =>
            h.Engine.StartAsync("typed", new Dictionary<string, object?> { ["level"] = 3, ["label"] = "oui" }));

        Assert.Equal("gw", error.ElementId);
        Assert.Contains("flow 'cond'", error.Reason);
        Assert.Contains(reasonPart, error.Reason);
    }

    [Fact]
    public async Task BH03_a_gateway_without_a_way_out_after_a_task_refuses_the_completion_and_after_a_timer_raises_a_retryable_incident()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        var key = await h.DeployAsync(EngineCases.Read("BH-03-"));
        var id = await h.Engine.StartAsync(key, new Dictionary<string, object?> { ["level"] = 3 });

        var task = (await h.OpenTasksAsync(id)).Single();
        var refused = await Assert.ThrowsAsync<StepFailedException>(() =>
            h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["decision"] = "later" }));
        Assert.Equal("afterReview", refused.ElementId);
        Assert.Equal(["review"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));

        await h.AdvanceAsync(TimeSpan.FromHours(1));
        await using (var db = await h.Db())
        {
            var refusal = Assert.Single(db.Incidents.Where(i => i.ResolvedAt == null && i.ElementId == "afterReview"));
            Assert.Equal(task.Id, refusal.BookmarkId);
            await Assert.ThrowsAsync<WorkflowException>(() => h.Engine.RetryIncidentAsync(refusal.Id)); // retried by completing the task again
            var incident = Assert.Single(db.Incidents.Where(i => i.ResolvedAt == null && i.ElementId == "afterTimer"));
            Assert.Contains("exclusiveGateway 'afterTimer'", incident.Message);
            Assert.Contains("no outgoing flow has a true condition", incident.Message);
            Assert.NotNull(incident.BookmarkId);
            Assert.Equal(TimerOutcome.Failed, await h.Engine.RetryIncidentAsync(incident.Id));
        }
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status);
        Assert.DoesNotContain("entered:endHigh", await h.TraceAsync(id));
    }
}
