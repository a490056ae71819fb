using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;

namespace Orchestrator.Workflows.Tests.Persistence;

/// <summary>
/// The workflow outbox on PostgreSQL, where steps commit concurrently (several requests, several nodes): two nodes draining at
/// the same moment hand each event over once, and an event committed out of id order is delivered, never deleted unseen.
/// </summary>
public sealed class OutboxAcrossNodesTests
{
    [PostgresFact]
    public async Task A_node_draining_the_outbox_while_another_drains_it_waits_its_turn_and_delivers_nothing_twice()
    {
        var first = new HoldingSink();
        var second = new HoldingSink();
        second.Release.SetResult();
        await using var h = await WorkflowHarness.CreateOnPostgresAsync(s => s.AddSingleton<IWorkflowEventSink>(first));
        await using var other = OtherNode(h.Storage, second);
        await using (var db = await h.Db())
        {
            for (var i = 0; i < 5; i++)
                db.Outbox.Add(new OutboxRecord { InstanceId = Guid.NewGuid(), Type = "test.event", Payload = "{}", CreatedAt = h.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        // Node one has read the events and is handing the first one over when node two starts its drain.
        var one = h.Services.GetRequiredService<OutboxDispatcher>().DrainAsync();
        await first.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var two = other.GetRequiredService<OutboxDispatcher>().DrainAsync();
        // Node two queued behind node one's advisory lock is a state of PostgreSQL's lock manager, which tells no client: only
        // pg_locks shows it, when asked, so the test asks again until it does (or node two is done).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!two.IsCompleted && await WaitingForAdvisoryLockAsync(h.Storage.ConnectionString) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "Node two neither waited nor finished.");
            await Task.Delay(20);
        }
        first.Release.SetResult();
        await Task.WhenAll(one, two).WaitAsync(TimeSpan.FromSeconds(30));

        var delivered = first.Delivered.Concat(second.Delivered).ToList();
        Assert.Equal(5, delivered.Count);
        Assert.Equal(5, delivered.Distinct().Count());
        Assert.Empty(second.Delivered); // node one emptied the outbox before node two could read it
    }

    [PostgresFact]
    public async Task An_event_whose_step_commits_while_a_later_one_is_being_delivered_is_delivered_after_it_not_lost()
    {
        var sink = new HoldingSink();
        await using var h = await WorkflowHarness.CreateOnPostgresAsync(s => s.AddSingleton<IWorkflowEventSink>(sink));
        // A slow step takes the lower id and has not committed yet; a quick one takes the next id and commits.
        await using var slow = await h.Db();
        await using var slowStep = await slow.Database.BeginTransactionAsync();
        slow.Outbox.Add(new OutboxRecord { InstanceId = Guid.NewGuid(), Type = "test.slow", Payload = "{}", CreatedAt = h.Clock.GetUtcNow() });
        await slow.SaveChangesAsync();
        await using (var quick = await h.Db())
        {
            quick.Outbox.Add(new OutboxRecord { InstanceId = Guid.NewGuid(), Type = "test.quick", Payload = "{}", CreatedAt = h.Clock.GetUtcNow() });
            await quick.SaveChangesAsync();
        }

        var drain = h.Services.GetRequiredService<OutboxDispatcher>().DrainAsync();
        await sink.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the quick event is being delivered
        await slowStep.CommitAsync();
        sink.Release.SetResult();
        await drain.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, sink.Types.Count);
        Assert.Equal(["test.quick", "test.slow"], sink.Types);
        await using var db = await h.Db();
        Assert.Empty(await db.Outbox.ToListAsync());
    }

    private static ServiceProvider OtherNode(WorkflowStorage storage, IWorkflowEventSink sink)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddWorkflows(storage);
        services.AddClockDrivenTimers();
        services.AddSingleton(sink);
        return services.BuildServiceProvider();
    }

    private static async Task<long> WaitingForAdvisoryLockAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", connection);
        return (long)(await waiting.ExecuteScalarAsync())!;
    }

    /// <summary>Records each event handed to it, and holds the first one until released.</summary>
    private sealed class HoldingSink : IWorkflowEventSink
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ConcurrentQueue<long> Delivered { get; } = new();
        public ConcurrentQueue<string> Types { get; } = new();

        public async Task HandleAsync(WorkflowEvent workflowEvent, CancellationToken ct)
        {
            Delivered.Enqueue(workflowEvent.Id);
            Types.Enqueue(workflowEvent.Type);
            Entered.TrySetResult();
            await Release.Task;
        }
    }
}
