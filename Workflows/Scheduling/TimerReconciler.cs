using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Runtime;
using Quartz;

namespace Orchestrator.Workflows.Scheduling;

/// <summary>What one reconciliation did: triggers given to Quartz (<paramref name="Restored"/>), triggers removed because their bookmark is gone (<paramref name="Removed"/>), stored messages delivered again.</summary>
public sealed record ReconcileReport(int Restored, int Removed, int MessagesRetried);

/// <summary>
/// Makes Quartz agree with the database, which is the source of truth: a timer bookmark due within the
/// horizon that Quartz lacks is scheduled (an overdue one fires once, at once), a trigger whose bookmark is
/// gone is removed. Run periodically, this is also what hands far timers to Quartz as they come near. It
/// retries stored messages and the outbox too, so nothing a crash interrupted after a commit is lost, and
/// tries a failed timer again a bounded number of times.
/// </summary>
public sealed class TimerReconciler(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    ISchedulerFactory schedulers,
    QuartzTimerScheduler timers,
    WorkflowEngine engine,
    OutboxDispatcher outbox,
    TimeProvider clock,
    IOptions<WorkflowOptions> options,
    IOptions<QuartzTimerOptions> timerOptions)
{
    // One reconciliation at a time on a node: two interleaved ones (the periodic one and one asked for by an
    // operator or at start-up) could each read a failed timer's attempts before the other's retry ran, and try it
    // once more than the bound allows.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Runs one reconciliation, after any other in progress on this node has finished.</summary>
    /// <exception cref="OperationCanceledException">When <paramref name="ct"/> is cancelled.</exception>
    /// <exception cref="TimeoutException">When a call into Quartz's store did not answer within <see cref="QuartzTimerOptions.StoreCallTimeout"/>.</exception>
    public async Task<ReconcileReport> ReconcileAsync(CancellationToken ct = default)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            return await ReconcileOnceAsync(ct);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<ReconcileReport> ReconcileOnceAsync(CancellationToken ct)
    {
        await timers.FlushAsync(ct);
        var horizon = timers.HorizonEnd;
        Dictionary<Guid, DateTimeOffset> expected;
        HashSet<Guid> givenUp;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            expected = await db.Bookmarks.AsNoTracking().Where(b => b.Kind == BookmarkKind.Timer && b.DueAt != null && b.DueAt <= horizon)
                .ToDictionaryAsync(b => b.Id, b => b.DueAt!.Value, ct);
            var attempts = options.Value.AutomaticTimerAttempts;
            givenUp = (await db.Incidents.AsNoTracking().Where(i => i.ResolvedAt == null && i.BookmarkId != null && i.Attempts >= attempts)
                .Select(i => i.BookmarkId!.Value).ToListAsync(ct)).ToHashSet();
        }
        var scheduler = await QuartzStoreCall.RunAsync(schedulers.GetScheduler, "GetScheduler", timerOptions.Value, ct);
        var present = (await QuartzStoreCall.RunAsync(token => scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(WorkflowTimerJob.TriggerGroup), token),
                "GetTriggerKeys", timerOptions.Value, ct))
            .Select(k => Guid.TryParse(k.Name, out var id) ? id : Guid.Empty).ToHashSet();
        var now = clock.GetUtcNow();
        // Overdue ones are rescheduled for now even when Quartz has them: the host was down past their time.
        // That also tries a failed one again, until its incident has used up the automatic attempts.
        var missing = expected.Where(e => !givenUp.Contains(e.Key) && (!present.Contains(e.Key) || e.Value <= now))
            .Select(e => new ScheduledTimer(e.Key, e.Value)).ToList();
        // Quartz holds them, so they are cancelled whatever their due time was (a far one, if the horizon was once longer).
        var orphans = present.Where(id => !expected.ContainsKey(id)).Select(id => new ScheduledTimer(id, DateTimeOffset.MinValue)).ToList();
        await timers.ScheduleAsync(missing, ct);
        await timers.CancelAsync(orphans, ct);
        await timers.FlushAsync(ct);
        var messages = await engine.DeliverStoredMessagesAsync(ct);
        outbox.Signal();
        return new ReconcileReport(missing.Count, orphans.Count, messages);
    }
}
