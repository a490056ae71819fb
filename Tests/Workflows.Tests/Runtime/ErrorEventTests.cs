using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

[Activity("CheckRights", "Vérifier les droits (test)")]
public sealed class RightsCheckActivity : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
        context.Variables["rights"]?.GetValue<string>() is "none"
            ? throw new BpmnErrorException("NO_RIGHTS", "the person has no open health-insurance rights")
            : ValueTask.FromResult(ActivityResult.Done());
}

/// <summary>Error end events and boundary error events: by code or catch-all, through sub-processes and call activities.</summary>
public sealed class ErrorEventTests
{
    private const string Errors = """<bpmn:error id="Refused" errorCode="REFUSED" /><bpmn:error id="Lost" errorCode="LOST" /><bpmn:error id="NoRights" errorCode="NO_RIGHTS" />""";

    /// <summary>A sub-process whose task, when done with <c>outcome</c>, either ends normally or throws the error of that name.</summary>
    private static string SubProcess(string boundaries) => Process("stay", $"""
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="stage">
          <bpmn:startEvent id="s" /><bpmn:parallelGateway id="fork" />
          <bpmn:userTask id="decide"><bpmn:extensionElements><orc:field name="outcome" type="choice" values="ok,refused,lost" /></bpmn:extensionElements></bpmn:userTask>
          <bpmn:userTask id="paperwork" />
          <bpmn:exclusiveGateway id="how" default="ok" />
          <bpmn:endEvent id="endOk" /><bpmn:endEvent id="endPaper" />
          <bpmn:endEvent id="throwRefused"><bpmn:errorEventDefinition errorRef="Refused" /></bpmn:endEvent>
          <bpmn:endEvent id="throwLost"><bpmn:errorEventDefinition errorRef="Lost" /></bpmn:endEvent>
          {Flow("s0", "s", "fork")}{Flow("s1", "fork", "decide")}{Flow("s2", "fork", "paperwork")}{Flow("s3", "paperwork", "endPaper")}
          {Flow("s4", "decide", "how")}{Flow("ok", "how", "endOk")}
          {Flow("s5", "how", "throwRefused", "${outcome === 'refused'}")}{Flow("s6", "how", "throwLost", "${outcome === 'lost'}")}
        </bpmn:subProcess>
        {boundaries}
        <bpmn:endEvent id="end" />
        {Flow("f0", "start", "stage")}{Flow("f1", "stage", "end")}
        """, Errors);

    private const string CatchRefused = """<bpmn:boundaryEvent id="onRefused" attachedToRef="stage"><bpmn:errorEventDefinition errorRef="Refused" /></bpmn:boundaryEvent><bpmn:sequenceFlow id="b1" sourceRef="onRefused" targetRef="endRefused" /><bpmn:endEvent id="endRefused" />""";
    private const string CatchAll = """<bpmn:boundaryEvent id="onAny" attachedToRef="stage"><bpmn:errorEventDefinition /></bpmn:boundaryEvent><bpmn:sequenceFlow id="b2" sourceRef="onAny" targetRef="endAny" /><bpmn:endEvent id="endAny" />""";

    public static TheoryData<string, string, string> Table => new()
    {
        // boundaries on the sub-process, the outcome given, the end reached
        { CatchRefused + CatchAll, "refused", "endRefused" }, // the matching code wins over the catch-all
        { CatchRefused + CatchAll, "lost", "endAny" },        // any other code goes to the catch-all
        { CatchAll, "refused", "endAny" },
        { CatchRefused + CatchAll, "ok", "end" },            // no error: the sub-process completes once its paperwork is done
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task An_error_end_event_is_caught_by_the_boundary_with_its_code_or_else_a_catch_all_and_interrupts_the_sub_process(
        string boundaries, string outcome, string endReached)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(SubProcess(boundaries));
        var id = await h.Engine.StartAsync("stay");

        await h.CompleteAsync(id, "decide", new Dictionary<string, object?> { ["outcome"] = outcome });
        if (outcome == "ok") await h.CompleteAsync(id, "paperwork");

        var trace = await h.TraceAsync(id);
        Assert.Contains($"completed:{endReached}", trace);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        if (outcome != "ok")
        {
            Assert.Contains("cancelled:paperwork", trace);
            Assert.Contains("cancelled:stage", trace);
            Assert.Equal(HumanTaskStatus.Cancelled, (await h.TaskAsync(id, "paperwork")).Status);
        }
    }

    [Fact]
    public async Task An_error_nothing_catches_fails_the_step_naming_the_end_event_and_the_code()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(SubProcess(CatchRefused));
        var id = await h.Engine.StartAsync("stay");
        var task = (await h.OpenTasksAsync(id)).Single(t => t.ElementId == "decide");

        var error = await Assert.ThrowsAsync<StepFailedException>(() =>
            h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?> { ["outcome"] = "lost" }));

        Assert.Equal("unhandled-error", error.Code);
        Assert.Equal("throwLost", error.ElementId);
        Assert.Contains("'LOST'", error.Reason);
        Assert.Equal(2, (await h.OpenTasksAsync(id)).Count);
    }

    [Fact]
    public async Task An_error_in_a_nested_sub_process_is_caught_by_the_outer_one_when_the_inner_one_has_no_catcher()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("nested", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="outer">
              <bpmn:startEvent id="os" />
              <bpmn:subProcess id="inner"><bpmn:startEvent id="is" /><bpmn:endEvent id="boom"><bpmn:errorEventDefinition errorRef="Lost" /></bpmn:endEvent>{Flow("i0", "is", "boom")}</bpmn:subProcess>
              <bpmn:endEvent id="oe" />{Flow("o0", "os", "inner")}{Flow("o1", "inner", "oe")}
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="onLost" attachedToRef="outer"><bpmn:errorEventDefinition errorRef="Lost" /></bpmn:boundaryEvent>
            <bpmn:endEvent id="end" /><bpmn:endEvent id="endLost" />
            {Flow("f0", "start", "outer")}{Flow("f1", "outer", "end")}{Flow("f2", "onLost", "endLost")}
            """, Errors));

        var id = await h.Engine.StartAsync("nested");

        var trace = await h.TraceAsync(id);
        Assert.Contains("completed:endLost", trace);
        Assert.DoesNotContain("entered:oe", trace);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    /// <summary>Starts a caller whose call of <see cref="SubProcess"/> catches REFUSED only; returns the caller and the callee.</summary>
    private static async Task<(Guid Caller, Guid Callee)> StartCallerCatchingRefusedAsync(WorkflowHarness h)
    {
        await h.DeployAsync(SubProcess(""));
        await h.DeployAsync(Process("caller", $"""
            <bpmn:startEvent id="start" /><bpmn:callActivity id="call" calledElement="stay" />
            <bpmn:boundaryEvent id="onRefused" attachedToRef="call"><bpmn:errorEventDefinition errorRef="Refused" /></bpmn:boundaryEvent>
            <bpmn:userTask id="reorient" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />
            {Flow("f0", "start", "call")}{Flow("f1", "call", "end")}{Flow("f2", "onRefused", "reorient")}{Flow("f3", "reorient", "end2")}
            """, Errors));
        var id = await h.Engine.StartAsync("caller");
        await using var db = await h.Db();
        return (id, db.Instances.Single(i => i.ParentInstanceId == id).Id);
    }

    [Fact]
    public async Task An_error_ending_a_called_process_is_caught_on_the_call_activity_and_the_callee_ends_with_its_tasks_cancelled()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        var (id, child) = await StartCallerCatchingRefusedAsync(h);

        await h.CompleteAsync(child, "decide", new Dictionary<string, object?> { ["outcome"] = "refused" });

        Assert.Equal(["reorient"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.Contains("cancelled:call", await h.TraceAsync(id));
        Assert.Equal(InstanceStatus.Terminated, (await h.InstanceAsync(child)).Status);
        Assert.Equal(HumanTaskStatus.Cancelled, (await h.TaskAsync(child, "paperwork")).Status);
    }

    [Fact]
    public async Task An_error_a_called_process_does_not_catch_and_its_call_activity_does_not_either_reaches_the_sub_process_around_the_call()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(SubProcess(""));
        await h.DeployAsync(Process("caller", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="around"><bpmn:startEvent id="as" /><bpmn:callActivity id="call" calledElement="stay" /><bpmn:endEvent id="ae" />{Flow("a0", "as", "call")}{Flow("a1", "call", "ae")}</bpmn:subProcess>
            <bpmn:boundaryEvent id="onAny" attachedToRef="around"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
            <bpmn:endEvent id="end" /><bpmn:endEvent id="endAny" />
            {Flow("f0", "start", "around")}{Flow("f1", "around", "end")}{Flow("f2", "onAny", "endAny")}
            """, Errors));
        var id = await h.Engine.StartAsync("caller");
        Guid child;
        await using (var db = await h.Db()) child = db.Instances.Single(i => i.ParentInstanceId == id).Id;

        await h.CompleteAsync(child, "decide", new Dictionary<string, object?> { ["outcome"] = "lost" });

        Assert.Contains("completed:endAny", await h.TraceAsync(id));
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task An_error_no_caller_catches_fails_the_called_process_s_step_and_leaves_its_work_open_rather_than_ending_it()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        var (id, child) = await StartCallerCatchingRefusedAsync(h);

        // LOST: the caller catches REFUSED only. The completion is refused in the callee, naming its end event; nothing ends.
        var refused = await Assert.ThrowsAsync<StepFailedException>(() => h.CompleteAsync(child, "decide", new Dictionary<string, object?> { ["outcome"] = "lost" }));

        Assert.Contains("'LOST'", refused.Message);
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(child)).Status);
        Assert.Equal(HumanTaskStatus.Open, (await h.TaskAsync(child, "decide")).Status);
        Assert.Equal(HumanTaskStatus.Open, (await h.TaskAsync(child, "paperwork")).Status);
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status);
        Assert.DoesNotContain("cancelled:call", await h.TraceAsync(id));
    }

    [Theory]
    [InlineData("none", "endNoRights")]
    [InlineData("open", "end")]
    public async Task A_service_activity_can_throw_a_BPMN_error_the_model_catches_on_the_task(string rights, string endReached)
    {
        await using var h = await WorkflowHarness.CreateAsync(s => s.AddActivity<RightsCheckActivity>());
        await h.DeployAsync(Process("rights", $"""
            <bpmn:startEvent id="start" /><bpmn:serviceTask id="check" orc:activity="CheckRights" />
            <bpmn:boundaryEvent id="onNoRights" attachedToRef="check"><bpmn:errorEventDefinition errorRef="NoRights" /></bpmn:boundaryEvent>
            <bpmn:endEvent id="end" /><bpmn:endEvent id="endNoRights" />
            {Flow("f0", "start", "check")}{Flow("f1", "check", "end")}{Flow("f2", "onNoRights", "endNoRights")}
            """, Errors));

        var id = await h.Engine.StartAsync("rights", new Dictionary<string, object?> { ["rights"] = rights });

        Assert.Contains($"completed:{endReached}", await h.TraceAsync(id));
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Theory]
    [InlineData("""<bpmn:endEvent id="bad"><bpmn:errorEventDefinition /></bpmn:endEvent>""", "bad", "needs errorRef")]
    [InlineData("""<bpmn:endEvent id="bad"><bpmn:errorEventDefinition errorRef="Nope" /></bpmn:endEvent>""", "bad", "names no bpmn:error")]
    [InlineData("""<bpmn:endEvent id="bad"><bpmn:errorEventDefinition errorRef="Blank" /></bpmn:endEvent>""", "bad", "has no errorCode")]
    [InlineData("""<bpmn:intermediateThrowEvent id="bad"><bpmn:errorEventDefinition errorRef="Lost" /></bpmn:intermediateThrowEvent>""", "bad", "not allowed on this intermediateThrowEvent")]
    public void Malformed_error_throws_are_refused_naming_the_element(string element, string id, string reason)
    {
        var xml = Process("p", $"""<bpmn:startEvent id="start" />{element}{Flow("f0", "start", "bad")}""", Errors + """<bpmn:error id="Blank" />""");
        Assert.Contains(BpmnParser.Validate(xml), p => p.ElementId == id && p.Line > 0 && p.Reason.Contains(reason));
    }

    [Theory]
    [InlineData("receiveTask", "true", "never throws one")]
    [InlineData("subProcess", "false", "always interrupts")]
    public void Boundary_error_events_are_refused_where_no_error_can_come_from_or_when_non_interrupting(string host, string cancel, string reason)
    {
        var body = host == "subProcess"
            ? $"""<bpmn:subProcess id="host"><bpmn:startEvent id="s" /><bpmn:endEvent id="e" />{Flow("i", "s", "e")}</bpmn:subProcess>"""
            : """<bpmn:receiveTask id="host" />""";
        var xml = Process("p", $"""
            <bpmn:startEvent id="start" />{body}
            <bpmn:boundaryEvent id="catcher" attachedToRef="host" cancelActivity="{cancel}"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
            <bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />{Flow("f0", "start", "host")}{Flow("f1", "host", "end")}{Flow("f2", "catcher", "end2")}
            """, Errors);
        Assert.Contains(BpmnParser.Validate(xml), p => p.ElementId == "catcher" && p.Reason.Contains(reason));
    }
}
