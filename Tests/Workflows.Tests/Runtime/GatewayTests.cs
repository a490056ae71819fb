using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

public sealed class GatewayTests
{
    private static readonly string Decision = Process("decision", $"""
        <bpmn:startEvent id="start" />
        <bpmn:exclusiveGateway id="gw" default="toOther" />
        <bpmn:userTask id="admit" name="Admettre" />
        <bpmn:userTask id="refuse" name="Refuser" />
        <bpmn:userTask id="other" name="Autre" />
        <bpmn:endEvent id="end" />
        {Flow("f1", "start", "gw")}
        {Flow("toAdmit", "gw", "admit", "${score >= 10}")}
        {Flow("toRefuse", "gw", "refuse", "${score &lt; 0}")}
        {Flow("toOther", "gw", "other")}
        {Flow("f2", "admit", "end")}{Flow("f3", "refuse", "end")}{Flow("f4", "other", "end")}
        """);

    [Theory]
    [InlineData(12, "admit")]
    [InlineData(-3, "refuse")]
    [InlineData(5, "other")]
    public async Task An_exclusive_gateway_takes_the_first_true_condition_or_else_its_default_flow(int score, string expected)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Decision);
        var id = await h.Engine.StartAsync("decision", new Dictionary<string, object?> { ["score"] = score });
        Assert.Equal([expected], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.Equal(["entered:start", "completed:start", "entered:gw", "completed:gw", $"entered:{expected}"], await h.TraceAsync(id));
    }

    [Fact]
    public async Task An_exclusive_gateway_without_a_true_condition_or_default_fails_and_writes_nothing()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("nopath", $"""
            <bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" />
            <bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
            {Flow("f1", "start", "gw")}{Flow("f2", "gw", "a", "${x == 1}")}{Flow("f3", "gw", "b", "${x == 2}")}
            """));
        var error = await Assert.ThrowsAsync<StepFailedException>(() => h.Engine.StartAsync("nopath", new Dictionary<string, object?> { ["x"] = 3 }));
        Assert.Equal("no-path", error.Code);
        Assert.Equal("gw", error.ElementId);
        await using var db = await h.Db();
        Assert.Empty(db.Instances);
        Assert.Empty(db.History);
    }

    [Fact]
    public async Task A_parallel_join_waits_for_a_token_on_every_incoming_flow()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("parallel", $"""
            <bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
            <bpmn:userTask id="medical" /><bpmn:userTask id="social" />
            <bpmn:parallelGateway id="join" /><bpmn:userTask id="decide" /><bpmn:endEvent id="end" />
            {Flow("f1", "start", "fork")}{Flow("f2", "fork", "medical")}{Flow("f3", "fork", "social")}
            {Flow("f4", "medical", "join")}{Flow("f5", "social", "join")}{Flow("f6", "join", "decide")}{Flow("f7", "decide", "end")}
            """));
        var id = await h.Engine.StartAsync("parallel");
        Assert.Equal(["medical", "social"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Order());

        await h.CompleteAsync(id, "social");
        Assert.Equal(["medical"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.DoesNotContain("entered:join", await h.TraceAsync(id));

        await h.CompleteAsync(id, "medical");
        Assert.Equal(["decide"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.Single(await h.TraceAsync(id), e => e == "completed:join");

        await h.CompleteAsync(id, "decide");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task A_join_of_many_branches_releases_one_token_once_every_branch_has_arrived()
    {
        const int branches = 1500;
        await using var h = await WorkflowHarness.CreateAsync();
        var body = new System.Text.StringBuilder("""<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" /><bpmn:parallelGateway id="join" /><bpmn:userTask id="decide" /><bpmn:endEvent id="end" />""")
            .Append(Flow("f0", "start", "fork")).Append(Flow("fj", "join", "decide")).Append(Flow("fe", "decide", "end"));
        for (var i = 0; i < branches; i++)
            body.Append($"""<bpmn:manualTask id="b{i}" />""").Append(Flow($"in{i}", "fork", $"b{i}")).Append(Flow($"out{i}", $"b{i}", "join"));
        await h.DeployAsync(Process("wide", body.ToString()));

        var id = await h.Engine.StartAsync("wide");

        Assert.Equal(["decide"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        var trace = await h.TraceAsync(id);
        Assert.Single(trace, e => e == "completed:join");
        Assert.Equal(branches, trace.Count(e => e.StartsWith("completed:b", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_terminate_end_event_ends_the_whole_instance_and_cancels_open_work()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("terminate", $"""
            <bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
            <bpmn:userTask id="longWork" /><bpmn:userTask id="emergency" />
            <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent><bpmn:endEvent id="end" />
            {Flow("f1", "start", "fork")}{Flow("f2", "fork", "longWork")}{Flow("f3", "fork", "emergency")}
            {Flow("f4", "emergency", "stop")}{Flow("f5", "longWork", "end")}
            """));
        var id = await h.Engine.StartAsync("terminate");
        await h.CompleteAsync(id, "emergency");

        Assert.Equal(InstanceStatus.Terminated, (await h.InstanceAsync(id)).Status);
        Assert.Empty(await h.OpenTasksAsync(id));
        Assert.Equal(HumanTaskStatus.Cancelled, (await h.TaskAsync(id, "longWork")).Status);
        Assert.Contains("cancelled:longWork", await h.TraceAsync(id));
    }

    [Fact]
    public async Task Manual_tasks_and_plain_tasks_pass_straight_through()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("manual", $"""
            <bpmn:startEvent id="start" /><bpmn:manualTask id="call" /><bpmn:task id="note" /><bpmn:endEvent id="end" />
            {Flow("f1", "start", "call")}{Flow("f2", "call", "note")}{Flow("f3", "note", "end")}
            """));
        var id = await h.Engine.StartAsync("manual");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        Assert.Equal(["entered:start", "completed:start", "entered:call", "completed:call", "entered:note", "completed:note", "entered:end", "completed:end"],
            await h.TraceAsync(id));
    }

    [Fact]
    public async Task A_parallel_join_that_an_exclusive_choice_left_waiting_for_ever_fails_the_step_naming_the_join_and_the_flow()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("mismatch", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="choose"><bpmn:extensionElements><orc:field name="pickA" type="boolean" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:exclusiveGateway id="x" default="fb" />
            <bpmn:userTask id="a" /><bpmn:manualTask id="b" /><bpmn:parallelGateway id="j" /><bpmn:endEvent id="end" />
            {Flow("f0", "start", "choose")}{Flow("f1", "choose", "x")}{Flow("fa", "x", "a", "${pickA}")}{Flow("fb", "x", "b")}
            {Flow("ja", "a", "j")}{Flow("jb", "b", "j")}{Flow("f9", "j", "end")}
            """));
        var id = await h.Engine.StartAsync("mismatch");

        // Choosing b: its token waits at the join for one from a, which nothing will ever bring.
        var refused = await Assert.ThrowsAsync<StepFailedException>(() => h.CompleteAsync(id, "choose", new Dictionary<string, object?> { ["pickA"] = false }));

        Assert.Equal(("join-deadlock", "j"), (refused.Code, refused.ElementId));
        Assert.Contains("it waits for flow 'ja', which no token can reach any more", refused.Message);
        Assert.Equal(["choose"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        // Choosing a leaves task a open, which can still bring its token: no failure, the join waits.
        await h.CompleteAsync(id, "choose", new Dictionary<string, object?> { ["pickA"] = true });
        Assert.Equal(["a"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
    }
}
