using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

/// <summary>A non-interrupting boundary event stays armed as long as its activity runs (BPMN 2.0 §10.5.4).</summary>
public sealed class NonInterruptingEventTests
{
    /// <summary>
    /// The history of BH-21's first step, in the order things happened although a bookmark and a message were created and consumed
    /// in it: the boundary, already listening, takes the message as it is thrown, before the sub-process's own start goes on.
    /// </summary>
    private static readonly string[] Bh21FirstStep =
    [
        "entered:start", "completed:start", "entered:split", "completed:split", "entered:stay",
        "entered:firstUpdate", "completed:firstUpdate", "entered:onUpdate", "completed:onUpdate",
        "entered:stayStart", "completed:stayStart", "entered:logUpdate", "completed:logUpdate", "entered:oneHourLater", "entered:stayTask",
        "entered:endUpdate", "completed:endUpdate",
    ];

    [Fact]
    public async Task BH21_each_message_to_a_non_interrupting_boundary_triggers_it_while_the_sub_process_runs()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        var key = await h.DeployAsync(EngineCases.Read("BH-21-"));
        var id = await h.Engine.StartAsync(key);
        Assert.Equal(Bh21FirstStep, await h.TraceAsync(id));
        await h.AdvanceAsync(TimeSpan.FromHours(1));

        var trace = await h.TraceAsync(id);
        Assert.Equal(2, trace.Count(e => e == "completed:logUpdate"));
        Assert.DoesNotContain("completed:stay", trace);
        Assert.Equal(["stayTask"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));

        await h.CompleteAsync(id, "stayTask");
        trace = await h.TraceAsync(id);
        Assert.Equal(["completed:stayTask", "entered:stayEnd", "completed:stayEnd", "completed:stay", "entered:endStay", "completed:endStay"], trace.TakeLast(6));
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
    }

    [Fact]
    public async Task The_incident_of_a_deadline_path_stays_open_after_its_task_is_done_until_a_retry_finds_nothing_left_and_closes_it()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("deadline", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="work" /><bpmn:endEvent id="done" />
            <bpmn:boundaryEvent id="late" attachedToRef="work" cancelActivity="false">{Timer("timeDuration", "PT1H")}</bpmn:boundaryEvent>
            <bpmn:exclusiveGateway id="q" /><bpmn:endEvent id="high" /><bpmn:endEvent id="low" />
            {Flow("f0", "start", "work")}{Flow("f1", "work", "done")}{Flow("f2", "late", "q")}
            {Flow("toHigh", "q", "high", "${level &gt; 5}")}{Flow("toLow", "q", "low", "${level &lt; 2}")}
            """));
        var id = await h.Engine.StartAsync("deadline", new Dictionary<string, object?> { ["level"] = 3 });
        await h.AdvanceAsync(TimeSpan.FromHours(1)); // the deadline's path fails on its gateway

        await h.CompleteAsync(id, "work"); // the task is done: the deadline's path is withdrawn with it

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(id)).Status);
        IncidentRecord incident;
        await using (var db = await h.Db())
            incident = await db.Incidents.AsNoTracking().SingleAsync();
        Assert.Equal("q", incident.ElementId);
        Assert.Null(incident.ResolvedAt); // still shown: the alert path failed, whoever reads the instances must see it

        Assert.Equal(TimerOutcome.AlreadyConsumed, await h.Engine.RetryIncidentAsync(incident.Id));

        await using (var db = await h.Db())
            Assert.NotNull((await db.Incidents.AsNoTracking().SingleAsync()).ResolvedAt);
    }

    [PostgresFact]
    public async Task On_PostgreSQL_history_within_a_step_is_also_recorded_in_the_order_things_happened()
    {
        await using var h = await WorkflowHarness.CreateOnPostgresAsync();
        var key = await h.DeployAsync(EngineCases.Read("BH-21-"));
        var id = await h.Engine.StartAsync(key);

        Assert.Equal(Bh21FirstStep, await h.TraceAsync(id));
    }

    [Fact]
    public async Task A_non_interrupting_message_boundary_on_a_task_fires_for_every_message_and_no_longer_once_the_task_is_done()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("updates", $"""
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="follow" />
            <bpmn:boundaryEvent id="onNews" attachedToRef="follow" cancelActivity="false"><bpmn:messageEventDefinition messageRef="m" /></bpmn:boundaryEvent>
            <bpmn:userTask id="read" />
            <bpmn:endEvent id="end" /><bpmn:endEvent id="readEnd" />
            {Flow("f0", "start", "follow")}{Flow("f1", "follow", "end")}{Flow("f2", "onNews", "read")}{Flow("f3", "read", "readEnd")}
            """, Message("m", "news")));
        var id = await h.Engine.StartAsync("updates");

        for (var i = 0; i < 3; i++)
            Assert.Equal(MessageDelivery.Delivered, (await h.Engine.PublishMessageAsync("news", null)).Delivery);

        Assert.Equal(3, (await h.OpenTasksAsync(id)).Count(t => t.ElementId == "read"));
        Assert.Single(await h.OpenTasksAsync(id), t => t.ElementId == "follow");

        await h.CompleteAsync(id, "follow");
        Assert.Equal(MessageDelivery.Stored, (await h.Engine.PublishMessageAsync("news", null)).Delivery);
    }
}
