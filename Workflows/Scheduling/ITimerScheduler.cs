using Orchestrator.Workflows.Runtime;

namespace Orchestrator.Workflows.Scheduling;

/// <summary>Where timer bookmarks go once their step has committed. The database stays the source of truth.</summary>
public interface ITimerScheduler
{
    /// <summary>Hands over timers whose step committed, each with its due instant (UTC); a scheduler may keep only the near ones.</summary>
    ValueTask ScheduleAsync(IReadOnlyCollection<ScheduledTimer> timers, CancellationToken ct);

    /// <summary>Drops timers whose bookmarks are gone, each with the due time it had (a scheduler may never have held a far one).</summary>
    ValueTask CancelAsync(IReadOnlyCollection<ScheduledTimer> timers, CancellationToken ct);
}
