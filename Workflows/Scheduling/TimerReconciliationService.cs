using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orchestrator.Workflows.Scheduling;

/// <summary>Reconciles at start-up, in the background so the host starts at once, then <see cref="QuartzTimerOptions.ReconcilePeriod"/> after each pass (a minute by default; which also brings near timers into Quartz). A pass that fails, a store call that timed out included, is logged and the next one tries again.</summary>
public sealed partial class TimerReconciliationService(TimerReconciler reconciler, TimeProvider clock, IOptions<QuartzTimerOptions> options,
    ILogger<TimerReconciliationService> logger) : BackgroundService
{
    private readonly TaskCompletionSource _startupReconciled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes when the start-up reconciliation has run (whether it succeeded or was logged as failed), or is
    /// cancelled with the host. Whoever must not race it (a readiness check, a test driving the clock) awaits it.
    /// </summary>
    public Task StartupReconciled => _startupReconciled.Task;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                try
                {
                    var report = await reconciler.ReconcileAsync(stoppingToken);
                    if (report.Restored + report.Removed > 0) LogReconciled(logger, report.Restored, report.Removed);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e);
                }
                _startupReconciled.TrySetResult();
                // One wait per pass rather than a PeriodicTimer: a clock that jumps (a simulation's, a test's) owes a periodic timer one
                // tick per period jumped over, and each ran a whole reconciliation on the clock's own thread — two simulated months
                // were 86,400 of them. A single wait fires once, however far the clock went.
                await Task.Delay(options.Value.ReconcilePeriod, clock, stoppingToken);
            }
        }
        finally
        {
            _startupReconciled.TrySetCanceled(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer reconciliation restored {Restored} and removed {Removed} Quartz triggers")]
    private static partial void LogReconciled(ILogger logger, int restored, int removed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer reconciliation failed")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
