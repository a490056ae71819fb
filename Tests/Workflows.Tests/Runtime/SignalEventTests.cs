using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

/// <summary>Signals are broadcast: every catch waiting for the name, in every instance, and every signal start event.</summary>
public sealed class SignalEventTests
{
    private const string Signals = """<bpmn:signal id="Closure" name="structure-closed" /><bpmn:signal id="Other" name="other" />""";

    private static string Waiter => Process("waiter", $"""
        <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="end" />{Flow("f0", "start", "wait")}{Flow("f1", "wait", "end")}
        """, Signals);

    private static string Thrower(string how) => Process("thrower", how == "end"
        ? $"""<bpmn:startEvent id="start" /><bpmn:endEvent id="close"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:endEvent>{Flow("f0", "start", "close")}"""
        : $"""
          <bpmn:startEvent id="start" /><bpmn:intermediateThrowEvent id="close"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:intermediateThrowEvent>
          <bpmn:endEvent id="end" />{Flow("f0", "start", "close")}{Flow("f1", "close", "end")}
          """, Signals);

    [Theory]
    [InlineData("throw")]
    [InlineData("end")]
    public async Task A_thrown_signal_reaches_every_instance_waiting_for_it(string how)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Waiter);
        await h.DeployAsync(Thrower(how));
        var first = await h.Engine.StartAsync("waiter");
        var second = await h.Engine.StartAsync("waiter");

        var thrower = await h.Engine.StartAsync("thrower");

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(thrower)).Status);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(first)).Status);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(second)).Status);
    }

    [Fact]
    public async Task A_signal_with_another_name_triggers_nothing_and_is_not_kept()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Waiter);
        var id = await h.Engine.StartAsync("waiter");

        Assert.Equal(0, await h.Engine.BroadcastSignalAsync("other"));
        Assert.Equal(1, await h.Engine.BroadcastSignalAsync("structure-closed"));
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        var late = await h.Engine.StartAsync("waiter");
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(late)).Status); // a signal is not stored for catches to come
    }

    [Fact]
    public async Task A_signal_start_whose_first_step_fails_is_an_incident_naming_the_process_not_a_log_line_alone()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("onClosure", $"""
            <bpmn:startEvent id="closed"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:startEvent>
            <bpmn:exclusiveGateway id="where" /><bpmn:userTask id="relocate" /><bpmn:endEvent id="end" />
            {Flow("f0", "closed", "where")}{Flow("f1", "where", "relocate", "${beds > 0}")}{Flow("f2", "relocate", "end")}
            """, Signals));

        Assert.Equal(0, await h.Engine.BroadcastSignalAsync("structure-closed"));

        // No instance exists to carry it: the incident is of none, and says which process did not start, and why.
        await using (var db = await h.Db())
        {
            Assert.Empty(db.Instances);
            var incident = Assert.Single(db.Incidents);
            Assert.Equal((Guid.Empty, "where", (Guid?)null), (incident.InstanceId, incident.ElementId, incident.BookmarkId));
            Assert.Contains("process 'onClosure' (version 1) could not start on signal 'structure-closed'", incident.Message);
        }
        Assert.Equal(TimerOutcome.AlreadyConsumed, await h.Engine.RetryIncidentAsync((await h.Db()).Incidents.Single().Id)); // closed by whoever read it
        await using (var db = await h.Db())
            Assert.NotNull(db.Incidents.Single().ResolvedAt);
    }

    [Fact]
    public async Task A_signal_start_event_starts_an_instance_of_its_definition()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("onClosure", $"""
            <bpmn:startEvent id="closed"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:startEvent>
            <bpmn:userTask id="relocate" /><bpmn:endEvent id="end" />{Flow("f0", "closed", "relocate")}{Flow("f1", "relocate", "end")}
            """, Signals));

        Assert.Equal(1, await h.Engine.BroadcastSignalAsync("structure-closed"));

        await using var db = await h.Db();
        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.DefinitionKey == "onClosure");
        Assert.Equal(["relocate"], (await h.OpenTasksAsync(instance.Id)).Select(t => t.ElementId));
    }

    [Theory]
    [InlineData("true", 1, "cancelled:task")]
    [InlineData("false", 2, null)]
    public async Task A_boundary_signal_interrupts_its_task_or_if_non_interrupting_fires_on_each_broadcast(string cancel, int expectedFirings, string? cancelled)
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("guarded", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="task" />
            <bpmn:boundaryEvent id="onClosure" attachedToRef="task" cancelActivity="{cancel}"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:boundaryEvent>
            <bpmn:manualTask id="inform" /><bpmn:endEvent id="end" /><bpmn:endEvent id="informed" />
            {Flow("f0", "start", "task")}{Flow("f1", "task", "end")}{Flow("f2", "onClosure", "inform")}{Flow("f3", "inform", "informed")}
            """, Signals));
        var id = await h.Engine.StartAsync("guarded");

        await h.Engine.BroadcastSignalAsync("structure-closed");
        await h.Engine.BroadcastSignalAsync("structure-closed");

        var trace = await h.TraceAsync(id);
        Assert.Equal(expectedFirings, trace.Count(e => e == "completed:inform"));
        if (cancelled is not null) Assert.Contains(cancelled, trace);
        else Assert.Equal(["task"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
    }

    [Fact]
    public async Task An_event_based_gateway_can_wait_for_a_signal_and_withdraws_its_timer_when_it_comes()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("race", $"""
            <bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="gw" />
            <bpmn:intermediateCatchEvent id="closed"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="week">{Timer("timeDuration", "P7D")}</bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="endClosed" /><bpmn:endEvent id="endWeek" />
            {Flow("f0", "start", "gw")}{Flow("f1", "gw", "closed")}{Flow("f2", "gw", "week")}{Flow("f3", "closed", "endClosed")}{Flow("f4", "week", "endWeek")}
            """, Signals));
        var id = await h.Engine.StartAsync("race");

        await h.Engine.BroadcastSignalAsync("structure-closed");

        Assert.Contains("completed:endClosed", await h.TraceAsync(id));
        Assert.Null(await h.Engine.NextTimerDueAsync());
    }

    [Fact]
    public async Task A_catch_whose_step_fails_gets_an_incident_and_the_other_catches_still_fire()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Waiter);
        await h.DeployAsync(Process("fragile", $"""
            <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:intermediateCatchEvent>
            <bpmn:exclusiveGateway id="gw" /><bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
            {Flow("f0", "start", "wait")}{Flow("f1", "wait", "gw")}{Flow("f2", "gw", "a", "${x === 1}")}{Flow("f3", "gw", "b", "${x === 2}")}
            """, Signals));
        var fragile = await h.Engine.StartAsync("fragile", new Dictionary<string, object?> { ["x"] = 3 });
        var waiter = await h.Engine.StartAsync("waiter");

        await h.Engine.BroadcastSignalAsync("structure-closed");

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(waiter)).Status);
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(fragile)).Status);
        await using var db = await h.Db();
        var incident = await db.Incidents.AsNoTracking().SingleAsync();
        Assert.Equal("gw", incident.ElementId);
        Assert.Equal(TimerOutcome.Failed, await h.Engine.RetryIncidentAsync(incident.Id));
    }

    [Fact]
    public async Task A_sub_process_that_throws_a_signal_as_it_ends_is_interrupted_by_its_own_signal_boundary_event()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("closing", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="stay">
              <bpmn:startEvent id="s" /><bpmn:endEvent id="close"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:endEvent>{Flow("s0", "s", "close")}
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="closed" attachedToRef="stay"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:boundaryEvent>
            <bpmn:endEvent id="normally" /><bpmn:endEvent id="onClosure" />
            {Flow("f0", "start", "stay")}{Flow("f1", "stay", "normally")}{Flow("f2", "closed", "onClosure")}
            """, Signals));

        var id = await h.Engine.StartAsync("closing");

        // The sub-process was running when the signal was thrown (BPMN 2.0 §10.5.1): its boundary heard it, once.
        var trace = await h.TraceAsync(id);
        Assert.Contains("completed:onClosure", trace);
        Assert.DoesNotContain("entered:normally", trace);
        Assert.Single(trace, e => e == "entered:closed");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task A_signal_thrown_inside_a_sub_process_reaches_its_non_interrupting_boundary_and_an_event_sub_process_once_each()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("noticing", $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="stay">
              <bpmn:startEvent id="s" /><bpmn:intermediateThrowEvent id="close"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:intermediateThrowEvent>
              <bpmn:userTask id="goOn" /><bpmn:endEvent id="e" />{Flow("s0", "s", "close")}{Flow("s1", "close", "goOn")}{Flow("s2", "goOn", "e")}
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="noted" attachedToRef="stay" cancelActivity="false"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:boundaryEvent>
            <bpmn:userTask id="noteIt" /><bpmn:endEvent id="end" /><bpmn:endEvent id="noteEnd" />
            <bpmn:subProcess id="watch" triggeredByEvent="true">
              <bpmn:startEvent id="heard" isInterrupting="false"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:startEvent>
              <bpmn:userTask id="logIt" /><bpmn:endEvent id="logged" />{Flow("w0", "heard", "logIt")}{Flow("w1", "logIt", "logged")}
            </bpmn:subProcess>
            {Flow("f0", "start", "stay")}{Flow("f1", "stay", "end")}{Flow("f2", "noted", "noteIt")}{Flow("f3", "noteIt", "noteEnd")}
            """, Signals));

        var id = await h.Engine.StartAsync("noticing");

        Assert.Equal(["goOn", "logIt", "noteIt"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Order());
    }

    [Fact]
    public async Task A_signal_that_an_interrupting_event_sub_process_hears_stops_the_thrower_where_it_threw_without_a_cancelled_trace()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("stopping", $"""
            <bpmn:startEvent id="start" /><bpmn:intermediateThrowEvent id="close"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:intermediateThrowEvent>
            <bpmn:userTask id="goOn" /><bpmn:endEvent id="end" />
            <bpmn:subProcess id="onClosure" triggeredByEvent="true">
              <bpmn:startEvent id="heard"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:startEvent><bpmn:endEvent id="closed" />{Flow("c0", "heard", "closed")}
            </bpmn:subProcess>
            {Flow("f0", "start", "close")}{Flow("f1", "close", "goOn")}{Flow("f2", "goOn", "end")}
            """, Signals));

        var id = await h.Engine.StartAsync("stopping");

        var trace = await h.TraceAsync(id);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        Assert.DoesNotContain(trace, e => e.EndsWith(":goOn", StringComparison.Ordinal)); // never entered, so never cancelled either
        Assert.DoesNotContain("cancelled:close", trace); // it completed, and did its part
        Assert.Contains("completed:closed", trace);
    }

    [Fact]
    public async Task A_called_process_s_last_signal_reaches_its_caller_s_boundary_event_before_the_call_completes()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("closer", $"""
            <bpmn:startEvent id="s" /><bpmn:userTask id="closeIt" /><bpmn:endEvent id="close"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:endEvent>
            {Flow("s0", "s", "closeIt")}{Flow("s1", "closeIt", "close")}
            """, Signals));
        await h.DeployAsync(Process("caller", $"""
            <bpmn:startEvent id="start" /><bpmn:callActivity id="call" calledElement="closer" />
            <bpmn:boundaryEvent id="closed" attachedToRef="call" cancelActivity="false"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:boundaryEvent>
            <bpmn:userTask id="afterCall" /><bpmn:userTask id="onClosure" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />
            {Flow("f0", "start", "call")}{Flow("f1", "call", "afterCall")}{Flow("f2", "afterCall", "end")}{Flow("f3", "closed", "onClosure")}{Flow("f4", "onClosure", "end2")}
            """, Signals));

        var id = await h.Engine.StartAsync("caller");
        await using (var db = await h.Db())
            await h.Engine.CompleteTaskAsync(db.Tasks.Single(t => t.ElementId == "closeIt").Id);

        // The call was still running when its callee threw: the boundary hears the signal, then the call completes.
        Assert.Equal(["afterCall", "onClosure"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Order());
    }

    [Fact]
    public async Task A_signal_thrown_before_a_call_starts_is_not_heard_by_the_callee_s_catch_that_did_not_exist_yet()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("listener", $"""
            <bpmn:startEvent id="s" /><bpmn:eventBasedGateway id="which" />
            <bpmn:intermediateCatchEvent id="heard"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="quiet">{Timer("timeDuration", "PT1H")}</bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="endHeard" /><bpmn:endEvent id="endQuiet" />
            {Flow("s0", "s", "which")}{Flow("s1", "which", "heard")}{Flow("s2", "which", "quiet")}{Flow("s3", "heard", "endHeard")}{Flow("s4", "quiet", "endQuiet")}
            """, Signals));
        await h.DeployAsync(Process("caller", $"""
            <bpmn:startEvent id="start" /><bpmn:intermediateThrowEvent id="close"><bpmn:signalEventDefinition signalRef="Closure" /></bpmn:intermediateThrowEvent>
            <bpmn:callActivity id="call" calledElement="listener" /><bpmn:endEvent id="end" />
            {Flow("f0", "start", "close")}{Flow("f1", "close", "call")}{Flow("f2", "call", "end")}
            """, Signals));

        var id = await h.Engine.StartAsync("caller");
        await h.AdvanceAsync(TimeSpan.FromHours(1));

        // The signal was thrown before the call began: the callee's catch, armed afterwards in the same step, was not listening.
        await using var db = await h.Db();
        var callee = db.Instances.Single(i => i.ParentInstanceId == id).Id;
        var trace = await h.TraceAsync(callee);
        Assert.Contains("completed:endQuiet", trace);
        Assert.DoesNotContain("entered:heard", trace);
    }

    [Fact]
    public async Task A_message_cannot_be_sent_under_the_engine_s_own_names()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        var error = await Assert.ThrowsAsync<WorkflowException>(() => h.Engine.PublishMessageAsync("wf:signal:structure-closed", null));
        Assert.Equal("invalid-input", error.Code);
    }

    [Theory]
    [InlineData("""<bpmn:intermediateCatchEvent id="bad"><bpmn:signalEventDefinition /></bpmn:intermediateCatchEvent>""", "signalRef is missing")]
    [InlineData("""<bpmn:intermediateCatchEvent id="bad"><bpmn:signalEventDefinition signalRef="Nope" /></bpmn:intermediateCatchEvent>""", "names no bpmn:signal")]
    [InlineData("""<bpmn:intermediateCatchEvent id="bad"><bpmn:signalEventDefinition signalRef="Nameless" /></bpmn:intermediateCatchEvent>""", "has no name")]
    public void Malformed_signal_events_are_refused_naming_the_element(string element, string reason)
    {
        var xml = Process("p", $"""<bpmn:startEvent id="start" />{element}<bpmn:endEvent id="end" />{Flow("f0", "start", "bad")}{Flow("f1", "bad", "end")}""",
            Signals + """<bpmn:signal id="Nameless" />""");
        Assert.Contains(BpmnParser.Validate(xml), p => p.ElementId == "bad" && p.Line > 0 && p.Reason.Contains(reason));
    }
}
