using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

/// <summary>
/// The inclusive gateway (BPMN 2.0 §13.4.3): a split takes every true flow (the default only when none is), and a join
/// waits only for the tokens that can still arrive, then fires once.
/// </summary>
public sealed class InclusiveGatewayTests
{
    private static readonly string SplitAndJoin = Process("orient", $"""
        <bpmn:startEvent id="start" />
        <bpmn:inclusiveGateway id="split" default="toSocial" />
        <bpmn:userTask id="medical" />
        <bpmn:userTask id="housing" />
        <bpmn:userTask id="social" />
        <bpmn:inclusiveGateway id="join" />
        <bpmn:userTask id="synthesis" />
        <bpmn:endEvent id="end" />
        {Flow("f1", "start", "split")}
        {Flow("toMedical", "split", "medical", "${care}")}
        {Flow("toHousing", "split", "housing", "${homeless}")}
        {Flow("toSocial", "split", "social")}
        {Flow("f2", "medical", "join")}{Flow("f3", "housing", "join")}{Flow("f4", "social", "join")}
        {Flow("f5", "join", "synthesis")}{Flow("f6", "synthesis", "end")}
        """);

    /// <summary>Conditions, the tasks the split opens, the order they are completed in, then the trace after the join.</summary>
    [Theory]
    [InlineData(true, true, new[] { "medical", "housing" })]
    [InlineData(true, false, new[] { "medical" })]
    [InlineData(false, true, new[] { "housing" })]
    [InlineData(false, false, new[] { "social" })]
    public async Task A_split_opens_every_true_branch_and_the_join_fires_once_all_of_them_have_arrived(bool care, bool homeless, string[] opened)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(SplitAndJoin);
        var id = await h.Engine.StartAsync("orient", new Dictionary<string, object?> { ["care"] = care, ["homeless"] = homeless });

        Assert.Equal(opened.Order(), (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Order());
        foreach (var task in opened.SkipLast(1))
        {
            await h.CompleteAsync(id, task);
            Assert.DoesNotContain("completed:join", await h.TraceAsync(id));
            Assert.DoesNotContain(await h.OpenTasksAsync(id), t => t.ElementId == "synthesis");
        }
        await h.CompleteAsync(id, opened[^1]);

        var trace = await h.TraceAsync(id);
        // Like a parallel join, the gateway is entered once, when it fires; the tokens waiting at it leave no history.
        Assert.Equal(1, trace.Count(e => e == "entered:join"));
        Assert.Equal(1, trace.Count(e => e == "completed:join"));
        Assert.Equal(["completed:join", "entered:synthesis"], trace.TakeLast(2));
        await h.CompleteAsync(id, "synthesis");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    private static readonly string OneBranchMayEndElsewhere = Process("assess", $"""
        <bpmn:startEvent id="start" />
        <bpmn:parallelGateway id="fork" />
        <bpmn:userTask id="nurse" />
        <bpmn:userTask id="doctor" />
        <bpmn:exclusiveGateway id="needed" default="toJoin" />
        <bpmn:endEvent id="noOpinion" />
        <bpmn:inclusiveGateway id="join" />
        <bpmn:userTask id="decide" />
        <bpmn:endEvent id="end" />
        {Flow("f1", "start", "fork")}{Flow("f2", "fork", "nurse")}{Flow("f3", "fork", "doctor")}
        {Flow("f4", "nurse", "join")}{Flow("f5", "doctor", "needed")}
        {Flow("toNoOpinion", "needed", "noOpinion", "${skip}")}{Flow("toJoin", "needed", "join")}
        {Flow("f6", "join", "decide")}{Flow("f7", "decide", "end")}
        """);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_join_waits_for_a_token_that_can_still_arrive_and_fires_as_soon_as_it_cannot(bool skip)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(OneBranchMayEndElsewhere);
        var id = await h.Engine.StartAsync("assess", new Dictionary<string, object?> { ["skip"] = skip });

        await h.CompleteAsync(id, "nurse");
        Assert.Equal(["doctor"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.DoesNotContain("completed:join", await h.TraceAsync(id));

        await h.CompleteAsync(id, "doctor");

        var trace = await h.TraceAsync(id);
        Assert.Equal(1, trace.Count(e => e == "entered:join"));
        Assert.Equal(1, trace.Count(e => e == "completed:join"));
        Assert.Equal(skip, trace.Contains("completed:noOpinion"));
        Assert.Equal(["decide"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
    }

    [Fact]
    public async Task A_join_waits_for_a_token_whose_boundary_event_leads_to_it_and_fires_once_that_token_ends_elsewhere()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("watch", $"""
            <bpmn:startEvent id="start" />
            <bpmn:parallelGateway id="fork" />
            <bpmn:userTask id="visit" />
            <bpmn:userTask id="call" />
            <bpmn:boundaryEvent id="noAnswer" attachedToRef="call">{Timer("timeDuration", "PT1H")}</bpmn:boundaryEvent>
            <bpmn:endEvent id="answered" />
            <bpmn:inclusiveGateway id="join" />
            <bpmn:endEvent id="end" />
            {Flow("f1", "start", "fork")}{Flow("f2", "fork", "visit")}{Flow("f3", "fork", "call")}
            {Flow("f4", "visit", "join")}{Flow("f5", "call", "answered")}{Flow("f6", "noAnswer", "join")}{Flow("f7", "join", "end")}
            """));
        var id = await h.Engine.StartAsync("watch");

        await h.CompleteAsync(id, "visit");
        Assert.DoesNotContain("completed:join", await h.TraceAsync(id));
        await h.CompleteAsync(id, "call");

        var trace = await h.TraceAsync(id);
        Assert.Equal(["completed:answered", "completed:join", "entered:end", "completed:end"], trace.Where(e => e.StartsWith("completed:") || e == "entered:end").TakeLast(4));
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task A_join_waiting_across_steps_survives_a_restart()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(SplitAndJoin);
        var id = await h.Engine.StartAsync("orient", new Dictionary<string, object?> { ["care"] = true, ["homeless"] = true });
        await h.CompleteAsync(id, "housing");
        await h.RestartAsync();

        await h.CompleteAsync(id, "medical");

        Assert.Equal(["synthesis"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.Equal(1, (await h.TraceAsync(id)).Count(e => e == "completed:join"));
    }

    [Fact]
    public async Task A_split_without_a_true_condition_or_default_fails_naming_the_gateway()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("none", $"""
            <bpmn:startEvent id="start" />
            <bpmn:inclusiveGateway id="split" />
            <bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
            {Flow("f1", "start", "split")}{Flow("toA", "split", "a", "${x > 1}")}{Flow("toB", "split", "b", "${x > 2}")}
            """));

        var e = await Assert.ThrowsAnyAsync<WorkflowException>(() => h.Engine.StartAsync("none", new Dictionary<string, object?> { ["x"] = 0 }));
        Assert.Contains("inclusiveGateway 'split'", e.Message);
        Assert.Contains("no outgoing flow has a true condition", e.Message);
    }

    [Theory]
    [InlineData("""<bpmn:inclusiveGateway id="gw" />""", "{0}{1}{2}{3}", "either joins (several incoming flows) or splits")]
    [InlineData("""<bpmn:inclusiveGateway id="gw" default="out1" />""", "{0}{1}{2}", "a joining inclusive gateway cannot have a default flow")]
    [InlineData("""<bpmn:inclusiveGateway id="gw" />""", "{0}", "a gateway needs at least one outgoing sequence flow")]
    public void The_validator_refuses_an_inclusive_gateway_the_engine_cannot_read_one_way(string gateway, string flows, string reason)
    {
        var all = string.Format(flows, Flow("in1", "t1", "gw"), Flow("in2", "t2", "gw"), Flow("out1", "gw", "e1"), Flow("out2", "gw", "e2"));
        var xml = Process("p", $"""
            <bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
            <bpmn:task id="t1" /><bpmn:task id="t2" />
            {gateway}
            <bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />
            {Flow("f1", "start", "fork")}{Flow("f2", "fork", "t1")}{Flow("f3", "fork", "t2")}{all}
            """.Replace("<bpmn:endEvent id=\"e1\" /><bpmn:endEvent id=\"e2\" />", flows.Contains("{2}") ? (flows.Contains("{3}") ? "<bpmn:endEvent id=\"e1\" /><bpmn:endEvent id=\"e2\" />" : "<bpmn:endEvent id=\"e1\" />") : ""));

        var problem = Assert.Single(BpmnParser.Validate(xml), p => p.ElementId == "gw");
        Assert.Equal("inclusiveGateway", problem.ElementType);
        Assert.Contains(reason, problem.Reason);
    }

    [Fact]
    public void Conditions_and_a_default_flow_out_of_an_inclusive_split_are_accepted_and_a_condition_on_its_default_is_not()
    {
        Assert.Empty(BpmnParser.Validate(SplitAndJoin));

        var problems = BpmnParser.Validate(SplitAndJoin.Replace("""<bpmn:sequenceFlow id="toSocial" sourceRef="split" targetRef="social" />""",
            """<bpmn:sequenceFlow id="toSocial" sourceRef="split" targetRef="social"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${care}</bpmn:conditionExpression></bpmn:sequenceFlow>"""));
        Assert.Contains(problems, p => p.ElementId == "toSocial" && p.Reason.Contains("default flow of inclusiveGateway 'split' and cannot have a condition"));
    }
}
