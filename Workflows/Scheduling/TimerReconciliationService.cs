using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orchestrator.Workflows.Scheduling;

/// <summary>Reconciles at start-up, in the background so the host starts at once, then every <see cref="QuartzTimerOptions.ReconcilePeriod"/> (a minute by default; which also brings near timers into Quartz).</summary>
public sealed partial class TimerReconciliationService(TimerReconciler reconciler, TimeProvider clock, IOptions<QuartzTimerOptions> options,
    ILogger<TimerReconciliationService> logger) : BackgroundService
{
    private readonly TaskCompletionSource _startupReconciled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes when the start-up reconciliation has run (whether it succeeded or was logged as failed), or is
    /// cancelled with the host. Whoever must not race it (a readiness check, a test driving the clock) awaits it.
    /// </summary>
    public Task StartupReconciled => _startupReconciled.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcilePeriod, clock);
        try
        {
            do
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
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
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
