using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Engine;

/// <summary>
/// Hands committed outbox events to the sinks, in order, at least once, and then deletes them. Runs
/// in the background after each step that wrote any; <see cref="DrainAsync"/> lets a caller wait for it.
/// One drain at a time: in this process through a gate, and across the nodes sharing a PostgreSQL database through a
/// <see cref="NodeExclusion"/> on <see cref="DrainLockKey"/>, so two nodes never hand the same event over at the same
/// moment (the sinks' idempotency checks what was already applied, which only holds if deliveries do not overlap). A node
/// that dies mid-drain drops its connection, and with it the lock; the next drain delivers what it left again.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    IEnumerable<IWorkflowEventSink> sinks,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IWorkflowEventSink[] _sinks = sinks.ToArray();

    /// <summary>The PostgreSQL advisory lock key held while a node drains the outbox.</summary>
    public const long DrainLockKey = 0x4F52_4348_4F55_5442; // "ORCHOUTB"

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
            while (true)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var batch = await db.Outbox.AsNoTracking().OrderBy(o => o.Id).Take(200).ToListAsync(ct);
                if (batch.Count == 0) return total;
                var delivered = new List<long>(batch.Count);
                foreach (var record in batch)
                {
                    var workflowEvent = new WorkflowEvent(record.Id, record.InstanceId, record.Type,
                        JsonNode.Parse(record.Payload) as JsonObject ?? new JsonObject(), record.CreatedAt);
                    foreach (var sink in _sinks) await sink.HandleAsync(workflowEvent, ct);
                    delivered.Add(record.Id);
                    total++;
                }
                // Exactly the events delivered, never "every id up to the last": on PostgreSQL a step that took a lower id may
                // commit after this batch was read, and its event must wait for the next batch, not vanish.
                await db.Outbox.Where(o => delivered.Contains(o.Id)).ExecuteDeleteAsync(ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

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

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatching workflow outbox events failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception e);
}
