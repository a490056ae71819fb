using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

public sealed class CallActivityTests
{
    private static readonly string Child = Process("followUp", $"""
        <bpmn:startEvent id="s" /><bpmn:userTask id="visit"><bpmn:extensionElements><orc:field name="outcome" type="text" /></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="e" />
        {Flow("c1", "s", "visit")}{Flow("c2", "visit", "e")}
        """);

    private static string Parent(string boundary = "") => Process("parent", $"""
        <bpmn:startEvent id="start" /><bpmn:callActivity id="call" calledElement="followUp" />{boundary}
        <bpmn:userTask id="after" /><bpmn:endEvent id="end" />{(boundary.Length > 0 ? "<bpmn:endEvent id=\"timeout\" />" : "")}
        {Flow("f1", "start", "call")}{Flow("f2", "call", "after")}{Flow("f3", "after", "end")}
        {(boundary.Length > 0 ? Flow("f4", "late", "timeout") : "")}
        """);

    [Fact]
    public async Task A_call_activity_runs_the_called_process_and_continues_with_its_variables_when_it_ends()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Child);
        await h.DeployAsync(Parent());
        var parent = await h.Engine.StartAsync("parent", new Dictionary<string, object?> { ["person"] = "P-1" }, businessKey: "episode-1");

        await using (var db = await h.Db())
        {
            var child = db.Instances.Single(i => i.ParentInstanceId == parent);
            Assert.Equal("episode-1", child.BusinessKey);
            Assert.Contains("P-1", child.Variables);
            await h.CompleteAsync(child.Id, "visit", new Dictionary<string, object?> { ["outcome"] = "stable" });
            Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(child.Id)).Status);
        }

        Assert.Equal(["after"], (await h.OpenTasksAsync(parent)).Select(t => t.ElementId));
        Assert.Contains("\"outcome\":\"stable\"", (await h.InstanceAsync(parent)).Variables);
    }

    [Fact]
    public async Task An_interrupting_timer_on_a_call_activity_cancels_the_called_instance()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Child);
        await h.DeployAsync(Parent($"""<bpmn:boundaryEvent id="late" attachedToRef="call">{Timer("timeDuration", "P30D")}</bpmn:boundaryEvent>"""));
        var parent = await h.Engine.StartAsync("parent");

        await h.AdvanceAsync(TimeSpan.FromDays(30));

        await using var db = await h.Db();
        var child = db.Instances.Single(i => i.ParentInstanceId == parent);
        Assert.Equal(InstanceStatus.Cancelled, child.Status);
        Assert.Equal(HumanTaskStatus.Cancelled, (await h.TaskAsync(child.Id, "visit")).Status);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(parent)).Status);
    }
    [Fact]
    public async Task A_call_to_a_process_that_only_starts_on_a_message_fails_the_step_rather_than_run_what_waits_for_the_message()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("onMessage", $"""
            <bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="M" /></bpmn:startEvent><bpmn:userTask id="visit" /><bpmn:endEvent id="e" />
            {Flow("c1", "s", "visit")}{Flow("c2", "visit", "e")}
            """, Message("M", "person-arrived")));
        await h.DeployAsync(Process("caller", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="prepare" /><bpmn:callActivity id="call" calledElement="onMessage" /><bpmn:endEvent id="end" />
            {Flow("f0", "start", "prepare")}{Flow("f1", "prepare", "call")}{Flow("f2", "call", "end")}
            """));
        var id = await h.Engine.StartAsync("caller");

        var refused = await Assert.ThrowsAsync<StepFailedException>(() => h.CompleteAsync(id, "prepare"));

        Assert.Equal("call", refused.ElementId);
        Assert.Contains("no start event without event definition", refused.Message);
        await using var db = await h.Db();
        Assert.Single(db.Instances);
    }

    [Fact]
    public async Task A_process_that_calls_itself_after_a_wait_is_stopped_at_the_call_depth_as_one_that_does_not_wait()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("again", $"""
            <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="pause">{Timer("timeDuration", "PT1M")}</bpmn:intermediateCatchEvent>
            <bpmn:callActivity id="call" calledElement="again" /><bpmn:endEvent id="end" />
            {Flow("f0", "start", "pause")}{Flow("f1", "pause", "call")}{Flow("f2", "call", "end")}
            """));
        await h.Engine.StartAsync("again");

        for (var minute = 0; minute < 12; minute++) await h.AdvanceAsync(TimeSpan.FromMinutes(1));

        await using var db = await h.Db();
        Assert.Equal(9, db.Instances.Count()); // the first and 8 calls deep
        var incident = Assert.Single(db.Incidents);
        Assert.Equal("call", incident.ElementId);
        Assert.Contains("maximum call depth of 8", incident.Message);
    }
    [Theory]
    [InlineData("""<orc:in expression="${'P6M'}" target="plannedStay" />""", "is P6M, beyond its maximum of P2M (CASF D312-176-2)")]
    [InlineData("", "is P3M, beyond its maximum of P2M")] // the caller's own variable of that name, copied
    public async Task A_call_that_gives_the_callee_a_deadline_beyond_its_legal_bound_fails_rather_than_start_it(string mapping, string reason)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("stay", $"""
            <bpmn:extensionElements><orc:parameter name="plannedStay" default="P2M" label="Durée prévue" max="P2M" source="CASF D312-176-2" /></bpmn:extensionElements>
            <bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="end">{Timer("timeDuration", "${plannedStay}")}</bpmn:intermediateCatchEvent><bpmn:endEvent id="e" />
            {Flow("c1", "s", "end")}{Flow("c2", "end", "e")}
            """));
        await h.DeployAsync(Process("caller", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="prepare" />
            <bpmn:callActivity id="call" calledElement="stay"><bpmn:extensionElements>{mapping}</bpmn:extensionElements></bpmn:callActivity><bpmn:endEvent id="done" />
            {Flow("f0", "start", "prepare")}{Flow("f1", "prepare", "call")}{Flow("f2", "call", "done")}
            """));
        var id = await h.Engine.StartAsync("caller", new Dictionary<string, object?> { ["plannedStay"] = "P3M" });

        var refused = await Assert.ThrowsAsync<StepFailedException>(() => h.CompleteAsync(id, "prepare"));

        Assert.Equal("call", refused.ElementId);
        Assert.Contains("parameter 'plannedStay' of process 'stay' " + reason, refused.Message);
    }
    [Fact]
    public async Task A_callee_that_writes_a_variable_named_like_a_caller_s_parameter_fails_the_call_rather_than_change_the_deadline()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("asker", $"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="ask"><bpmn:extensionElements><orc:field name="plannedStay" type="text" /></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="e" />
            {Flow("c1", "s", "ask")}{Flow("c2", "ask", "e")}
            """));
        await h.DeployAsync(Process("caller", $"""
            <bpmn:extensionElements><orc:parameter name="plannedStay" default="P2M" label="Durée prévue" max="P2M" source="CASF D312-176-2" /></bpmn:extensionElements>
            <bpmn:startEvent id="start" /><bpmn:callActivity id="call" calledElement="asker" /><bpmn:endEvent id="done" />
            {Flow("f0", "start", "call")}{Flow("f1", "call", "done")}
            """));
        var id = await h.Engine.StartAsync("caller");
        Guid child;
        await using (var db = await h.Db()) child = db.Instances.Single(i => i.ParentInstanceId == id).Id;

        await h.CompleteAsync(child, "ask", new Dictionary<string, object?> { ["plannedStay"] = "P6M" });

        await using var after = await h.Db();
        var incident = Assert.Single(after.Incidents);
        Assert.Equal("call", incident.ElementId);
        Assert.Contains("wrote 'plannedStay', a parameter of this process", incident.Message);
        Assert.Contains("\"plannedStay\":\"P2M\"", (await h.InstanceAsync(id)).Variables);
    }

    [Fact]
    public async Task A_callee_that_fails_in_the_step_that_calls_it_fails_on_the_call_activity_naming_the_callee_s_element()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("triage", $"""
            <bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="review" /><bpmn:endEvent id="high" /><bpmn:endEvent id="low" />
            {Flow("c0", "s", "review")}{Flow("a", "review", "high", "${level > 5}")}{Flow("b", "review", "low", "${level &lt; 3}")}
            """));
        // The caller has an element of the same id: the failure must not point at it.
        await h.DeployAsync(Process("caller", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="review" /><bpmn:callActivity id="call" calledElement="triage" /><bpmn:endEvent id="end" />
            {Flow("f0", "start", "review")}{Flow("f1", "review", "call")}{Flow("f2", "call", "end")}
            """));
        var id = await h.Engine.StartAsync("caller", new Dictionary<string, object?> { ["level"] = 3 });

        var refused = await Assert.ThrowsAsync<StepFailedException>(() => h.CompleteAsync(id, "review"));

        Assert.Equal("call", refused.ElementId);
        Assert.Equal("callActivity 'call': the process 'triage' it calls failed at once: exclusiveGateway 'review': no outgoing flow has a true condition (a, b) and there is no default flow", refused.Message);
        await using var db = await h.Db();
        Assert.Equal("call", (await db.Incidents.AsNoTracking().SingleAsync(i => i.InstanceId == id)).ElementId);
    }
}
