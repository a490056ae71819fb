using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Engine;

/// <summary>
/// Hands committed outbox events to the sinks, in order, at least once, and then deletes them. Runs
/// in the background after each step that wrote any; <see cref="DrainAsync"/> lets a caller wait for it.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    IEnumerable<IWorkflowEventSink> sinks,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IWorkflowEventSink[] _sinks = sinks.ToArray();

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
            var total = 0;
            while (true)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var batch = await db.Outbox.AsNoTracking().OrderBy(o => o.Id).Take(200).ToListAsync(ct);
                if (batch.Count == 0) return total;
                long last = 0;
                foreach (var record in batch)
                {
                    var workflowEvent = new WorkflowEvent(record.Id, record.InstanceId, record.Type,
                        JsonNode.Parse(record.Payload) as JsonObject ?? new JsonObject(), record.CreatedAt);
                    foreach (var sink in _sinks) await sink.HandleAsync(workflowEvent, ct);
                    last = record.Id;
                    total++;
                }
                await db.Outbox.Where(o => o.Id <= last).ExecuteDeleteAsync(ct);
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
