using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Runtime;

/// <summary>How committed events reach the host: in order for each episode, episodes side by side, a failure holding up only its own.</summary>
public sealed class OutboxDispatcherTests
{
    private static readonly string TwoTasks = Process("two", $"""
        <bpmn:startEvent id="start" /><bpmn:userTask id="first" /><bpmn:userTask id="second" /><bpmn:endEvent id="end" />
        {Flow("f1", "start", "first")}{Flow("f2", "first", "second")}{Flow("f3", "second", "end")}
        """);

    [Fact]
    public async Task Each_episode_gets_its_events_in_the_order_its_steps_wrote_them_while_episodes_are_delivered_side_by_side()
    {
        var sink = new RecordingSink { WaitForCompany = true };
        await using var h = await WorkflowHarness.CreateAsync(s => s.AddSingleton<IWorkflowEventSink>(sink).Configure<WorkflowOptions>(o => o.OutboxParallelism = 4));
        await h.DeployAsync(TwoTasks);
        var keys = Enumerable.Range(0, 40).Select(i => $"episode-{i}").ToList();
        foreach (var key in keys) await h.Engine.StartAsync("two", businessKey: key);
        foreach (var key in keys) await CompleteAsync(h, key, "first");
        foreach (var key in keys) await CompleteAsync(h, key, "second");

        await h.Services.GetRequiredService<OutboxDispatcher>().DrainAsync();

        Assert.Equal(40 * 5, sink.Delivered.Count);

        foreach (var key in keys)
            Assert.Equal(["wf.task.created", "wf.task.completed", "wf.task.created", "wf.task.completed", "wf.instance.ended"],
                sink.Of(key).Select(e => e.Type));
        Assert.True(sink.MostAtOnce >= 2);
        await using var db = await h.Db();
        Assert.Empty(db.Outbox);
    }

    [Fact]
    public async Task An_event_that_keeps_failing_holds_up_only_its_own_episode_and_its_later_events_wait_in_order()
    {
        var sink = new RecordingSink { Failing = "episode-poisoned" };
        await using var h = await WorkflowHarness.CreateAsync(s => s.AddSingleton<IWorkflowEventSink>(sink));
        await h.DeployAsync(TwoTasks);
        // More episodes than one batch of the outbox holds, the poisoned one first: the others must still get through.
        await h.Engine.StartAsync("two", businessKey: "episode-poisoned");
        await CompleteAsync(h, "episode-poisoned", "first");
        for (var i = 0; i < 250; i++) await h.Engine.StartAsync("two", businessKey: $"episode-{i}");

        var failed = await Assert.ThrowsAsync<OutboxDeliveryException>(() => h.Services.GetRequiredService<OutboxDispatcher>().DrainAsync());
        Assert.Equal(1, failed.Episodes);
        Assert.Equal(250, sink.Delivered.Count(e => e.Payload["businessKey"]!.GetValue<string>() != "episode-poisoned"));
        await using (var db = await h.Db())
            Assert.Equal(3, await db.Outbox.CountAsync()); // the poisoned episode's three events, kept for the next drain

        sink.Failing = null;
        Assert.Equal(3, await h.Services.GetRequiredService<OutboxDispatcher>().DrainAsync());
        Assert.Equal(["wf.task.created", "wf.task.completed", "wf.task.created"], sink.Of("episode-poisoned").Select(e => e.Type));
    }

    [Fact]
    public async Task The_events_of_an_episode_read_together_reach_a_batching_sink_in_one_call_in_the_order_the_steps_wrote_them()
    {
        var sink = new BatchingSink();
        await using var h = await WorkflowHarness.CreateAsync(s => s.AddSingleton<IWorkflowEventSink>(sink));
        await h.DeployAsync(TwoTasks);
        foreach (var key in new[] { "episode-a", "episode-b" }) await h.Engine.StartAsync("two", businessKey: key);
        await CompleteAsync(h, "episode-a", "first");

        Assert.Equal(4, await h.Services.GetRequiredService<OutboxDispatcher>().DrainAsync());

        var batch = Assert.Single(sink.Batches);
        Assert.Equal(["wf.task.created", "wf.task.completed", "wf.task.created"], batch.Select(e => e.Type));
        Assert.All(batch, e => Assert.Equal("episode-a", e.Payload["businessKey"]!.GetValue<string>()));
        Assert.Equal("episode-b", Assert.Single(sink.OneByOne).Payload["businessKey"]!.GetValue<string>()); // a lone event comes on its own
    }

    [Fact]
    public async Task A_batch_that_fails_is_handed_over_again_one_by_one_so_the_events_before_the_failing_one_are_delivered_and_it_waits_with_the_later_ones()
    {
        var sink = new BatchingSink { FailingType = "wf.task.completed" };
        await using var h = await WorkflowHarness.CreateAsync(s => s.AddSingleton<IWorkflowEventSink>(sink));
        await h.DeployAsync(TwoTasks);
        await h.Engine.StartAsync("two", businessKey: "episode-a");
        await CompleteAsync(h, "episode-a", "first");

        await Assert.ThrowsAsync<OutboxDeliveryException>(() => h.Services.GetRequiredService<OutboxDispatcher>().DrainAsync());

        Assert.Equal(["wf.task.created"], sink.OneByOne.Select(e => e.Type));
        await using (var db = await h.Db())
            Assert.Equal(2, await db.Outbox.CountAsync()); // the completion and the second task's creation, in order, for the next drain
        sink.FailingType = null;
        Assert.Equal(2, await h.Services.GetRequiredService<OutboxDispatcher>().DrainAsync());
        Assert.Equal(["wf.task.completed", "wf.task.created"], sink.Batches.Last().Select(e => e.Type));
    }

    [Fact]
    public async Task A_batch_that_says_how_far_it_got_is_not_handed_over_again_for_the_events_it_applied()
    {
        var sink = new BatchingSink { FailingType = "wf.task.completed", SaysHowFar = true };
        await using var h = await WorkflowHarness.CreateAsync(s => s.AddSingleton<IWorkflowEventSink>(sink));
        await h.DeployAsync(TwoTasks);
        await h.Engine.StartAsync("two", businessKey: "episode-a");
        await CompleteAsync(h, "episode-a", "first");

        var failed = await Assert.ThrowsAsync<OutboxDeliveryException>(() => h.Services.GetRequiredService<OutboxDispatcher>().DrainAsync());

        Assert.Equal(["wf.task.created"], sink.Batches.Single().Select(e => e.Type)); // what the batch applied before it stopped
        Assert.Empty(sink.OneByOne); // not handed over a second time; the completion, tried alone, failed again
        Assert.IsType<InvalidOperationException>(failed.InnerException);
        await using var db = await h.Db();
        Assert.Equal(2, await db.Outbox.CountAsync());
    }

    private static async Task CompleteAsync(WorkflowHarness h, string businessKey, string elementId)
    {
        await using var db = await h.Db();
        var task = await db.Tasks.SingleAsync(t => t.BusinessKey == businessKey && t.ElementId == elementId);
        await h.Engine.CompleteTaskAsync(task.Id, new Dictionary<string, object?>());
    }

    /// <summary>
    /// Records what it is handed and how many deliveries overlapped; fails every event of one business key when told to; when
    /// told to wait for company, holds its first delivery until a second one runs beside it (a drain that delivered one
    /// event at a time would fail the test on the timeout, not pass it by chance).
    /// </summary>
    private sealed class RecordingSink : IWorkflowEventSink
    {
        private readonly TaskCompletionSource _company = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _now;
        public bool WaitForCompany { get; init; }
        public string? Failing { get; set; }
        public ConcurrentQueue<WorkflowEvent> Delivered { get; } = new();
        public int MostAtOnce { get; private set; }

        public IEnumerable<WorkflowEvent> Of(string businessKey) => Delivered.Where(e => e.Payload["businessKey"]?.GetValue<string>() == businessKey);

        public async Task HandleAsync(WorkflowEvent workflowEvent, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref _now);
            lock (this) MostAtOnce = Math.Max(MostAtOnce, now);
            try
            {
                if (now >= 2) _company.TrySetResult();
                if (WaitForCompany) await _company.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
                if (workflowEvent.Payload["businessKey"]?.GetValue<string>() == Failing)
                    throw new InvalidOperationException("this episode's events cannot be applied");
                Delivered.Enqueue(workflowEvent);
            }
            finally
            {
                Interlocked.Decrement(ref _now);
            }
        }
    }

    /// <summary>
    /// Refuses a batch holding an event of the failing type, whole or (when it says how far it got) from that event on; one by
    /// one, refuses only that event.
    /// </summary>
    private sealed class BatchingSink : IWorkflowEventSink
    {
        public string? FailingType { get; set; }
        public ConcurrentQueue<IReadOnlyList<WorkflowEvent>> Batches { get; } = new();
        public ConcurrentQueue<WorkflowEvent> OneByOne { get; } = new();

        public Task HandleAsync(WorkflowEvent workflowEvent, CancellationToken ct)
        {
            if (workflowEvent.Type == FailingType) throw new InvalidOperationException("this event cannot be applied");
            OneByOne.Enqueue(workflowEvent);
            return Task.CompletedTask;
        }

        /// <summary>Whether a batch that stops says how many of its events it applied (<see cref="EventBatchStoppedException"/>).</summary>
        public bool SaysHowFar { get; init; }

        public Task HandleAsync(IReadOnlyList<WorkflowEvent> events, CancellationToken ct)
        {
            var stop = events.ToList().FindIndex(e => e.Type == FailingType);
            if (stop >= 0 && !SaysHowFar) throw new InvalidOperationException("this batch cannot be applied");
            Batches.Enqueue(stop >= 0 ? events.Take(stop).ToList() : events);
            if (stop >= 0) throw new EventBatchStoppedException(stop, new InvalidOperationException("this event cannot be applied"));
            return Task.CompletedTask;
        }
    }
}
