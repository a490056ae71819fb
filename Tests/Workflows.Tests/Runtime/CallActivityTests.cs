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
}
