using Orchestrator.Workflows.Runtime;

namespace Orchestrator.Workflows.Scheduling;

/// <summary>Where timer bookmarks go once their step has committed. The database stays the source of truth.</summary>
public interface ITimerScheduler
{
    ValueTask ScheduleAsync(IReadOnlyCollection<ScheduledTimer> timers, CancellationToken ct);

    ValueTask CancelAsync(IReadOnlyCollection<Guid> bookmarkIds, CancellationToken ct);
}
