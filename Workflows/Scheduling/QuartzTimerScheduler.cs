using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Workflows.Runtime;
using Quartz;

namespace Orchestrator.Workflows.Scheduling;

/// <summary>
/// Hands committed timer bookmarks due within the horizon to Quartz; the reconciler hands over the rest as
/// they come within it. Requests are queued and written in batches (one Quartz transaction for many timers)
/// so that a busy engine is not throttled by the scheduler's store; a timer lost in the queue by a crash is
/// restored by the reconciler from the database.
/// </summary>
public sealed partial class QuartzTimerScheduler(ISchedulerFactory schedulers, TimeProvider clock, IOptions<QuartzTimerOptions> options,
    ILogger<QuartzTimerScheduler> logger) : ITimerScheduler
{
    private readonly Channel<(Guid Id, DateTimeOffset? Due)> _queue = Channel.CreateUnbounded<(Guid, DateTimeOffset?)>();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _pumping;

    /// <summary>Timers due before this instant belong in Quartz.</summary>
    public DateTimeOffset HorizonEnd => clock.GetUtcNow() + options.Value.Horizon;

    /// <summary>Queues the timers due within the horizon for Quartz (written in the background); the reconciler brings the others in as they come near.</summary>
    public ValueTask ScheduleAsync(IReadOnlyCollection<ScheduledTimer> timers, CancellationToken ct)
    {
        var horizon = HorizonEnd;
        foreach (var timer in timers.Where(t => t.DueAt <= horizon)) _queue.Writer.TryWrite((timer.BookmarkId, timer.DueAt));
        if (_queue.Reader.Count > 0) StartPump();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A timer due beyond the horizon was never handed over (the clock only moves forward), so there is
    /// nothing to cancel; should one be there anyway, firing a consumed bookmark does nothing and the
    /// reconciler removes it.
    /// </summary>
    public ValueTask CancelAsync(IReadOnlyCollection<ScheduledTimer> timers, CancellationToken ct)
    {
        var horizon = HorizonEnd;
        foreach (var timer in timers.Where(t => t.DueAt <= horizon)) _queue.Writer.TryWrite((timer.BookmarkId, null));
        if (_queue.Reader.Count > 0) StartPump();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Writes everything queued so far to Quartz before returning. Each call into the store is bounded by
    /// <see cref="QuartzTimerOptions.StoreCallTimeout"/>; a batch it could not write is left to the reconciler, which restores it
    /// from the database.
    /// </summary>
    /// <exception cref="TimeoutException">When the store did not answer within the bound.</exception>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try { await WriteQueuedAsync(ct); }
        finally { _gate.Release(); }
    }

    /// <summary>An overdue timer is scheduled for now rather than in the past, so it fires once, at once, without relying on misfire handling.</summary>
    public static ITrigger BuildTrigger(Guid bookmarkId, DateTimeOffset due, DateTimeOffset now) => TriggerBuilder.Create()
        .WithIdentity(bookmarkId.ToString(), WorkflowTimerJob.TriggerGroup)
        .ForJob(WorkflowTimerJob.Key)
        .StartAt(due > now ? due : now)
        // An overdue timer (host was down) fires once when found, never once per missed period.
        .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
        .Build();

    private void StartPump()
    {
        if (Interlocked.CompareExchange(ref _pumping, 1, 0) != 0) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await FlushAsync();
            }
            catch (Exception e)
            {
                LogWriteFailed(logger, e);
            }
            finally
            {
                Volatile.Write(ref _pumping, 0);
                if (_queue.Reader.Count > 0) StartPump();
            }
        });
    }

    private async Task WriteQueuedAsync(CancellationToken ct)
    {
        var bound = options.Value;
        var scheduler = await QuartzStoreCall.RunAsync(schedulers.GetScheduler, "GetScheduler", bound, ct);
        while (_queue.Reader.Count > 0)
        {
            var latest = new Dictionary<Guid, DateTimeOffset?>();
            while (latest.Count < 2000 && _queue.Reader.TryRead(out var item)) latest[item.Id] = item.Due;
            var cancels = latest.Where(p => p.Value is null).Select(p => new TriggerKey(p.Key.ToString(), WorkflowTimerJob.TriggerGroup)).ToList();
            var triggers = latest.Where(p => p.Value is not null).Select(p => BuildTrigger(p.Key, p.Value!.Value, clock.GetUtcNow())).ToList();
            if (triggers.Count > 0)
            {
                var job = WorkflowTimerJob.Detail();
                await QuartzStoreCall.RunAsync(token => scheduler.ScheduleJobs(
                    new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [job] = triggers }, ScheduleJobOptions.Replacing, token),
                    $"ScheduleJobs ({triggers.Count} triggers)", bound, ct);
            }
            if (cancels.Count > 0) await QuartzStoreCall.RunAsync(token => scheduler.UnscheduleJobs(cancels, token), $"UnscheduleJobs ({cancels.Count} triggers)", bound, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing timers to Quartz failed; the reconciler will restore them")]
    private static partial void LogWriteFailed(ILogger logger, Exception e);
}
