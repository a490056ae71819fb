using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

/// <summary>Event sub-processes: message, timer, signal and error starts, interrupting or not, at process level and inside a sub-process.</summary>
public sealed class EventSubProcessTests
{
    private const string Messages = """<bpmn:message id="Deceased" name="person-deceased" /><bpmn:message id="Call" name="phone-call" /><bpmn:signal id="Heat" name="plan-canicule" /><bpmn:error id="Lost" errorCode="LOST" />""";

    /// <summary>A stay (a sub-process with a task and a 2-month timer) and, at process level, <paramref name="eventSubProcess"/>.</summary>
    private static string Stay(string eventSubProcess, string insideStay = "") => Process("stay", $"""
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="stage">
          <bpmn:startEvent id="s" /><bpmn:userTask id="review" /><bpmn:endEvent id="se" />
          {Flow("s0", "s", "review")}{Flow("s1", "review", "se")}
          {insideStay}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="overstay" attachedToRef="stage" cancelActivity="false">{Timer("timeDuration", "P2M")}</bpmn:boundaryEvent>
        <bpmn:userTask id="overstayAlert" /><bpmn:endEvent id="alertDone" />
        <bpmn:endEvent id="end" />
        {Flow("f0", "start", "stage")}{Flow("f1", "stage", "end")}{Flow("f2", "overstay", "overstayAlert")}{Flow("f3", "overstayAlert", "alertDone")}
        {eventSubProcess}
        """, Messages);

    private static string EventSubProcess(string id, string trigger, bool interrupting, string task) => $"""
        <bpmn:subProcess id="{id}" triggeredByEvent="true">
          <bpmn:startEvent id="{id}Start" isInterrupting="{(interrupting ? "true" : "false")}">{trigger}</bpmn:startEvent>
          <bpmn:userTask id="{task}" /><bpmn:endEvent id="{id}End" />
          {Flow(id + "0", id + "Start", task)}{Flow(id + "1", task, id + "End")}
        </bpmn:subProcess>
        """;

    private const string OnDeceased = """<bpmn:messageEventDefinition messageRef="Deceased" />""";

    [Fact]
    public async Task A_person_deceased_message_ends_the_stay_wherever_it_is_and_runs_the_death_procedure()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Stay(EventSubProcess("death", OnDeceased, interrupting: true, "declareDeath")));
        var id = await h.Engine.StartAsync("stay", businessKey: "P-1");

        await h.Engine.PublishMessageAsync("person-deceased", null);

        Assert.Equal(["declareDeath"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.Equal(HumanTaskStatus.Cancelled, (await h.TaskAsync(id, "review")).Status);
        await using (var db = await h.Db())
            Assert.Empty(db.Bookmarks.Where(b => b.InstanceId == id && b.Kind == BookmarkKind.Timer).ToList()); // the overstay timer is withdrawn
        await h.AdvanceAsync(TimeSpan.FromDays(90));
        Assert.Equal(["declareDeath"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId)); // no overstay alert for a person who died

        await h.CompleteAsync(id, "declareDeath");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        var trace = await h.TraceAsync(id);
        Assert.Contains("cancelled:stage", trace);
        Assert.Equal("completed:death", trace[^1]);
    }

    [Fact]
    public async Task An_error_ending_a_non_interrupting_event_sub_process_is_caught_by_the_error_event_sub_process_beside_it()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        // A call handled beside the stay ends on « LOST » (the person cannot be found): the process's error event sub-process
        // takes over, as an error thrown anywhere else in the process would reach it.
        await h.DeployAsync(Stay($"""
            <bpmn:subProcess id="calls" triggeredByEvent="true">
              <bpmn:startEvent id="callsStart" isInterrupting="false"><bpmn:messageEventDefinition messageRef="Call" /></bpmn:startEvent>
              <bpmn:endEvent id="notFound"><bpmn:errorEventDefinition errorRef="Lost" /></bpmn:endEvent>
              {Flow("c0", "callsStart", "notFound")}
            </bpmn:subProcess>
            {EventSubProcess("lost", """<bpmn:errorEventDefinition errorRef="Lost" />""", interrupting: true, "searchPerson")}
            """));
        var id = await h.Engine.StartAsync("stay");

        await h.Engine.PublishMessageAsync("phone-call", null);

        Assert.Equal(["searchPerson"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.Equal(HumanTaskStatus.Cancelled, (await h.TaskAsync(id, "review")).Status);
    }

    [Fact]
    public async Task An_error_ending_an_interrupting_event_sub_process_goes_past_the_scope_s_others_so_two_cannot_hand_it_back_and_forth()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        // « LOST » is handled by an error event sub-process that ends on « FAILED », which a catch-all one would turn back into « LOST ».
        await h.DeployAsync(Process("pingpong", $"""
            <bpmn:startEvent id="start" /><bpmn:subProcess id="stage">
              <bpmn:startEvent id="s" /><bpmn:endEvent id="lost"><bpmn:errorEventDefinition errorRef="Lost" /></bpmn:endEvent>
              {Flow("s0", "s", "lost")}
              <bpmn:subProcess id="onLost" triggeredByEvent="true"><bpmn:startEvent id="l0"><bpmn:errorEventDefinition errorRef="Lost" /></bpmn:startEvent>
                <bpmn:endEvent id="failed"><bpmn:errorEventDefinition errorRef="Failed" /></bpmn:endEvent>{Flow("l1", "l0", "failed")}</bpmn:subProcess>
              <bpmn:subProcess id="onAny" triggeredByEvent="true"><bpmn:startEvent id="a0"><bpmn:errorEventDefinition /></bpmn:startEvent>
                <bpmn:endEvent id="relost"><bpmn:errorEventDefinition errorRef="Lost" /></bpmn:endEvent>{Flow("a1", "a0", "relost")}</bpmn:subProcess>
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="stageFailed" attachedToRef="stage"><bpmn:errorEventDefinition errorRef="Failed" /></bpmn:boundaryEvent>
            <bpmn:userTask id="coordinatorHandles" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />
            {Flow("f0", "start", "stage")}{Flow("f1", "stage", "end")}{Flow("f2", "stageFailed", "coordinatorHandles")}{Flow("f3", "coordinatorHandles", "end2")}
            """, """<bpmn:error id="Lost" errorCode="LOST" /><bpmn:error id="Failed" errorCode="FAILED" />"""));

        var id = await h.Engine.StartAsync("pingpong");

        Assert.Equal(["coordinatorHandles"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.DoesNotContain("entered:onAny", await h.TraceAsync(id));
    }

    [Fact]
    public async Task A_non_interrupting_message_start_runs_at_each_message_beside_the_stay_and_the_process_waits_for_it()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Stay(EventSubProcess("calls", """<bpmn:messageEventDefinition messageRef="Call" />""", interrupting: false, "returnCall")));
        var id = await h.Engine.StartAsync("stay");

        await h.Engine.PublishMessageAsync("phone-call", null);
        await h.Engine.PublishMessageAsync("phone-call", null);

        Assert.Equal(["returnCall", "returnCall", "review"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Order());
        await h.CompleteAsync(id, "review");
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(id)).Status); // two calls still to return
        foreach (var task in await h.OpenTasksAsync(id)) await h.Engine.CompleteTaskAsync(task.Id);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        await using var db = await h.Db();
        Assert.Empty(db.Bookmarks.Where(b => b.InstanceId == id).ToList()); // nothing listens once the process has ended
    }

    [Fact]
    public async Task A_timer_event_sub_process_inside_a_sub_process_reminds_weekly_only_while_that_sub_process_runs()
    {
        var reminder = EventSubProcess("weekly", Timer("timeCycle", "R/P7D"), interrupting: false, "weeklyCall");
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Stay("", insideStay: reminder));
        var id = await h.Engine.StartAsync("stay");

        await h.AdvanceAsync(TimeSpan.FromDays(7));
        await h.AdvanceAsync(TimeSpan.FromDays(7));
        Assert.Equal(2, (await h.OpenTasksAsync(id)).Count(t => t.ElementId == "weeklyCall"));

        await h.CompleteAsync(id, "review");
        foreach (var task in (await h.OpenTasksAsync(id)).Where(t => t.ElementId == "weeklyCall")) await h.Engine.CompleteTaskAsync(task.Id);
        await h.AdvanceAsync(TimeSpan.FromDays(30));

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        Assert.Equal(2, (await h.TraceAsync(id)).Count(e => e == "completed:weeklyCall"));
    }

    [Fact]
    public async Task A_signal_start_runs_the_event_sub_process_of_every_running_instance()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Stay(EventSubProcess("heat", """<bpmn:signalEventDefinition signalRef="Heat" />""", interrupting: false, "checkOnPerson")));
        var first = await h.Engine.StartAsync("stay");
        var second = await h.Engine.StartAsync("stay");

        await h.Engine.BroadcastSignalAsync("plan-canicule");

        Assert.Contains(await h.OpenTasksAsync(first), t => t.ElementId == "checkOnPerson");
        Assert.Contains(await h.OpenTasksAsync(second), t => t.ElementId == "checkOnPerson");
    }

    [Fact]
    public async Task An_error_event_sub_process_inside_the_scope_catches_before_the_boundary_on_it_and_one_at_process_level_catches_the_rest()
    {
        var throwing = $"""<bpmn:boundaryEvent id="lostContact" attachedToRef="review">{Timer("timeDuration", "P10D")}</bpmn:boundaryEvent><bpmn:endEvent id="throwLost"><bpmn:errorEventDefinition errorRef="Lost" /></bpmn:endEvent>{Flow("s2", "lostContact", "throwLost")}""";
        var inside = EventSubProcess("search", """<bpmn:errorEventDefinition errorRef="Lost" />""", interrupting: true, "searchPerson");
        var atProcess = EventSubProcess("lost", """<bpmn:errorEventDefinition />""", interrupting: true, "declareLost");

        await using (var h = await WorkflowHarness.CreateAsync())
        {
            await h.DeployAsync(Stay(atProcess, insideStay: throwing + inside));
            var id = await h.Engine.StartAsync("stay");
            await h.AdvanceAsync(TimeSpan.FromDays(10));
            Assert.Equal(["searchPerson"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId)); // caught inside the stay
            await h.CompleteAsync(id, "searchPerson");
            Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
            Assert.Contains("completed:stage", await h.TraceAsync(id)); // the stay ended through its event sub-process
        }
        await using (var h = await WorkflowHarness.CreateAsync())
        {
            await h.DeployAsync(Stay(atProcess, insideStay: throwing));
            var id = await h.Engine.StartAsync("stay");
            await h.AdvanceAsync(TimeSpan.FromDays(10));
            Assert.Equal(["declareLost"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId)); // caught at process level
            Assert.Contains("cancelled:stage", await h.TraceAsync(id));
        }
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        // the event sub-process, the element at fault, the reason
        { $"""<bpmn:subProcess id="es" triggeredByEvent="true"><bpmn:startEvent id="esStart" /><bpmn:endEvent id="esEnd" />{Flow("e0", "esStart", "esEnd")}</bpmn:subProcess>""",
            "esStart", "needs a message, timer, signal, error or escalation event definition" },
        { $"""<bpmn:subProcess id="es" triggeredByEvent="true"><bpmn:startEvent id="esStart" isInterrupting="false"><bpmn:errorEventDefinition /></bpmn:startEvent><bpmn:endEvent id="esEnd" />{Flow("e0", "esStart", "esEnd")}</bpmn:subProcess>""",
            "esStart", "always interrupts" },
        { $"""<bpmn:subProcess id="es" triggeredByEvent="true"><bpmn:startEvent id="esStart"><bpmn:messageEventDefinition messageRef="Deceased" /></bpmn:startEvent><bpmn:endEvent id="esEnd" />{Flow("e0", "esStart", "esEnd")}</bpmn:subProcess>{Flow("in", "start", "es")}""",
            "es", "cannot have incoming or outgoing sequence flows" },
        { $"""<bpmn:subProcess id="es" triggeredByEvent="true"><bpmn:startEvent id="esStart"><bpmn:messageEventDefinition messageRef="Deceased" /></bpmn:startEvent><bpmn:endEvent id="esEnd" />{Flow("e0", "esStart", "esEnd")}</bpmn:subProcess><bpmn:boundaryEvent id="b" attachedToRef="es">{Timer("timeDuration", "P1D")}</bpmn:boundaryEvent><bpmn:endEvent id="be" />{Flow("b0", "b", "be")}""",
            "b", "cannot have boundary events" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void An_event_sub_process_the_specification_does_not_allow_is_refused_naming_the_element(string eventSubProcess, string at, string reason)
    {
        var problems = BpmnParser.Validate(Stay(eventSubProcess));

        Assert.Contains(problems, p => p.ElementId == at && p.Reason.Contains(reason) && p.Line > 0);
    }
}
