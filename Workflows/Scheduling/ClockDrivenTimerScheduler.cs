using Orchestrator.Workflows.Runtime;

namespace Orchestrator.Workflows.Scheduling;

/// <summary>
/// For runs on a fake clock (simulate, tests): nothing is handed to a scheduler; whoever moves the clock
/// calls <see cref="Engine.WorkflowEngine.FireDueTimersAsync"/>, which reads due timers from the database.
/// </summary>
public sealed class ClockDrivenTimerScheduler : ITimerScheduler
{
    /// <inheritdoc/>
    public ValueTask ScheduleAsync(IReadOnlyCollection<ScheduledTimer> timers, CancellationToken ct) => ValueTask.CompletedTask;

    /// <inheritdoc/>
    public ValueTask CancelAsync(IReadOnlyCollection<ScheduledTimer> timers, CancellationToken ct) => ValueTask.CompletedTask;
}
