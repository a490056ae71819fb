using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

/// <summary>
/// A called process that ends in the very step that starts it (no wait state) throws its last signal, message or escalation
/// while its call activity still runs: the caller's boundary events on the call hear it before the call completes, as they do
/// when the callee ends in a later step.
/// </summary>
public sealed class CallSameStepThrowTests
{
    private const string Definitions = """
        <bpmn:signal id="Closure" name="structure-closed" /><bpmn:message id="Closed" name="stay-closed" />
        <bpmn:escalation id="Director" escalationCode="TO_DIRECTOR" />
        """;

    private static string Callee(string endEvent) => Process("closer", $"""
        <bpmn:startEvent id="s" /><bpmn:endEvent id="close">{endEvent}</bpmn:endEvent>{Flow("s0", "s", "close")}
        """, Definitions);

    private static string Caller(string trigger, bool interrupting) => Process("caller", $"""
        <bpmn:startEvent id="start" /><bpmn:callActivity id="call" calledElement="closer" />
        <bpmn:boundaryEvent id="heard" attachedToRef="call" cancelActivity="{(interrupting ? "true" : "false")}">{trigger}</bpmn:boundaryEvent>
        <bpmn:userTask id="afterCall" /><bpmn:userTask id="onHeard" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />
        {Flow("f0", "start", "call")}{Flow("f1", "call", "afterCall")}{Flow("f2", "afterCall", "end")}{Flow("f3", "heard", "onHeard")}{Flow("f4", "onHeard", "end2")}
        """, Definitions);

    public static TheoryData<string, string> Throws => new()
    {
        { """<bpmn:signalEventDefinition signalRef="Closure" />""", """<bpmn:signalEventDefinition signalRef="Closure" />""" },
        { """<bpmn:messageEventDefinition messageRef="Closed" />""", """<bpmn:messageEventDefinition messageRef="Closed" />""" },
        { """<bpmn:escalationEventDefinition escalationRef="Director" />""", """<bpmn:escalationEventDefinition escalationRef="Director" />""" },
    };

    [Theory]
    [MemberData(nameof(Throws))]
    public async Task A_callee_that_ends_in_the_calling_step_is_heard_once_by_a_non_interrupting_boundary_of_the_call_which_then_completes(string thrown, string caught)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Callee(thrown));
        await h.DeployAsync(Caller(caught, interrupting: false));

        var id = await h.Engine.StartAsync("caller");
        await h.AdvanceAsync(TimeSpan.FromMinutes(1)); // anything left for after the commit has run

        Assert.Equal(["afterCall", "onHeard"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Order());
        Assert.Single(await h.TraceAsync(id), e => e == "entered:heard");
        await using var db = await h.Db();
        Assert.Empty(db.PendingMessages);
    }

    [Theory]
    [MemberData(nameof(Throws))]
    public async Task A_callee_that_ends_in_the_calling_step_is_heard_by_an_interrupting_boundary_of_the_call_instead_of_its_normal_flow(string thrown, string caught)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Callee(thrown));
        await h.DeployAsync(Caller(caught, interrupting: true));

        var id = await h.Engine.StartAsync("caller");
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(["onHeard"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.DoesNotContain("entered:afterCall", await h.TraceAsync(id));
        await using var db = await h.Db();
        Assert.Empty(db.PendingMessages); // the callee's completion, with no call left to reach, is not kept
    }
    [Fact]
    public async Task Two_signals_a_callee_throws_in_the_calling_step_are_each_heard_by_the_call_s_non_interrupting_boundary()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("closer", $"""
            <bpmn:startEvent id="s" /><bpmn:intermediateThrowEvent id="first"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:intermediateThrowEvent>
            <bpmn:intermediateThrowEvent id="second"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:intermediateThrowEvent><bpmn:userTask id="work" /><bpmn:endEvent id="close" />
            {Flow("s0", "s", "first")}{Flow("s1", "first", "second")}{Flow("s2", "second", "work")}{Flow("s3", "work", "close")}
            """, Definitions));
        await h.DeployAsync(Caller("""<bpmn:signalEventDefinition signalRef="Closure" />""", interrupting: false));

        var id = await h.Engine.StartAsync("caller");
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));

        // The boundary listens again after the first, under a new bookmark: the second signal reaches it too.
        Assert.Equal(2, (await h.TraceAsync(id)).Count(e => e == "entered:heard"));
        Assert.Equal(["onHeard", "onHeard"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
    }
}
