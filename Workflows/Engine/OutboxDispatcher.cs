using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Engine;

/// <summary>
/// Hands committed outbox events to the sinks, at least once, in order for each business key (each episode; without one,
/// each instance), and then deletes them; different business keys are handed over side by side
/// (<see cref="WorkflowOptions.OutboxParallelism"/>). The events of one business key read together are handed over as one
/// batch to a sole sink (<see cref="IWorkflowEventSink.HandleAsync(IReadOnlyList{WorkflowEvent}, CancellationToken)"/>), so it
/// applies them in one unit of work rather than one each. Runs
/// in the background after each step that wrote any; <see cref="DrainAsync"/> lets a caller wait for it.
/// One drain at a time: in this process through a gate, and across the nodes sharing a PostgreSQL database through a
/// <see cref="NodeExclusion"/> on <see cref="DrainLockKey"/>, so two nodes never hand the same event over at the same
/// moment (the sinks' idempotency checks what was already applied, which only holds if deliveries do not overlap). A node
/// that dies mid-drain drops its connection, and with it the lock; the next drain delivers what it left again.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    IEnumerable<IWorkflowEventSink> sinks,
    Microsoft.Extensions.Options.IOptions<WorkflowOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IWorkflowEventSink[] _sinks = sinks.ToArray();

    /// <summary>The PostgreSQL advisory lock key held while a node drains the outbox.</summary>
    public const long DrainLockKey = 0x4F52_4348_4F55_5442; // "ORCHOUTB"

    /// <summary>Wakes the background drain: a step just committed outbox events. Cheap, and a no-op when a wake-up is already pending.</summary>
    public void Signal()
    {
        if (_signal.CurrentCount == 0) _signal.Release();
    }

    /// <summary>Dispatches everything in the outbox now; returns how many events were handed over.</summary>
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var lockHolder = await dbFactory.CreateDbContextAsync(ct);
            await using var exclusion = await NodeExclusion.AcquireAsync(lockHolder, DrainLockKey, ct);
            var total = 0;
            // Episodes whose delivery failed in this drain: their later events wait, in order, for the next drain; the
            // other episodes' events go on, so that one event that keeps failing (it is logged each time) holds up only its own.
            var blocked = new System.Collections.Concurrent.ConcurrentDictionary<string, Exception>();
            var held = new List<long>(); // the events of those episodes, left in the outbox for the next drain
            while (true)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                // From the lowest id each time: on PostgreSQL a step that took a lower id may commit while a later event is
                // being delivered, and its event is delivered in this drain, after it, rather than wait for the next one.
                var batch = await db.Outbox.AsNoTracking().Where(o => !held.Contains(o.Id)).OrderBy(o => o.Id).Take(200).ToListAsync(ct);
                if (batch.Count == 0)
                    return blocked.IsEmpty ? total : throw new OutboxDeliveryException(blocked.Count, blocked.Values.First());
                var delivered = new System.Collections.Concurrent.ConcurrentBag<long>();
                var events = batch.Select(record => new WorkflowEvent(record.Id, record.InstanceId, record.Type,
                    JsonNode.Parse(record.Payload) as JsonObject ?? new JsonObject(), record.CreatedAt)).ToList();
                // One episode's events one after the other, as its steps wrote them; different episodes side by side.
                await Parallel.ForEachAsync(events.GroupBy(PartitionOf).Where(g => !blocked.ContainsKey(g.Key)),
                    new ParallelOptions { MaxDegreeOfParallelism = options.Value.OutboxParallelism, CancellationToken = ct },
                    async (episode, token) =>
                    {
                        var inOrder = episode.ToList();
                        var from = 0;
                        // The episode's events together, in one unit of work of the sink. With several sinks each event goes to
                        // each in turn, as a batch one sink applied could not be counted as delivered to the others.
                        if (inOrder.Count > 1 && _sinks.Length == 1)
                        {
                            try
                            {
                                await _sinks[0].HandleAsync(inOrder, token);
                                foreach (var workflowEvent in inOrder) delivered.Add(workflowEvent.Id);
                                return;
                            }
                            catch (EventBatchStoppedException e)
                            {
                                // Those before the one that failed are applied; from it on, one by one below, which holds it and the later ones.
                                from = e.Applied;
                                foreach (var workflowEvent in inOrder.Take(from)) delivered.Add(workflowEvent.Id);
                                LogBatchStopped(logger, episode.Key, from, inOrder.Count, e.InnerException);
                            }
                            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                            {
                                LogBatchFellBack(logger, episode.Key, inOrder.Count, e);
                            }
                        }
                        foreach (var workflowEvent in inOrder.Skip(from))
                        {
                            try
                            {
                                foreach (var sink in _sinks) await sink.HandleAsync(workflowEvent, token);
                            }
                            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                            {
                                blocked[episode.Key] = e;
                                return;
                            }
                            delivered.Add(workflowEvent.Id);
                        }
                    });
                var ids = delivered.ToHashSet();
                total += ids.Count;
                held.AddRange(events.Where(e => !ids.Contains(e.Id) && blocked.ContainsKey(PartitionOf(e))).Select(e => e.Id));
                // Exactly the events delivered, never "every id up to the last": on PostgreSQL a step that took a lower id may
                // commit after this batch was read, and its event must wait for the next batch, not vanish.
                if (ids.Count > 0) await db.Outbox.Where(o => ids.Contains(o.Id)).ExecuteDeleteAsync(ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The key whose events must keep their order: the business key (the episode) when the event names one, else the instance.</summary>
    private static string PartitionOf(WorkflowEvent workflowEvent) =>
        workflowEvent.Payload["businessKey"] is JsonValue key && key.TryGetValue<string>(out var businessKey) && businessKey.Length > 0
            ? businessKey : workflowEvent.InstanceId.ToString();

    /// <summary>Drains after each signal, and every 30 seconds in any case (events a failed drain or another node left behind).</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDispatchFailed(logger, e); // left in the outbox; retried on the next signal or sweep
            }
            try { await _signal.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The workflow events of {Partition} stopped after {Applied} of {Count}; the rest handed over one by one")]
    private static partial void LogBatchStopped(ILogger logger, string partition, int applied, int count, Exception? e);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Count} workflow events of {Partition} could not be applied together; handed over one by one")]
    private static partial void LogBatchFellBack(ILogger logger, string partition, int count, Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatching workflow outbox events failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception e);
}

/// <summary>
/// Some episodes' workflow events could not be handed over in a drain (the first failure is the inner exception); they stay
/// in the outbox, in order, and the next drain tries them again. The other episodes' events were delivered.
/// </summary>
public sealed class OutboxDeliveryException(int episodes, Exception first)
    : Exception($"The workflow events of {episodes} episode(s) could not be handed over and wait in the outbox; first failure: {first.Message}", first)
{
    /// <summary>How many business keys (episodes) had an event that failed.</summary>
    public int Episodes { get; } = episodes;
}
