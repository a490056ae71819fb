using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Orchestrator.Workflows.Scheduling;

/// <summary>Reconciles at start-up, in the background so the host starts at once, then every few minutes (which also brings near timers into Quartz).</summary>
public sealed partial class TimerReconciliationService(TimerReconciler reconciler, TimeProvider clock, IOptions<QuartzTimerOptions> options,
    ILogger<TimerReconciliationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcilePeriod, clock);
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
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer reconciliation restored {Restored} and removed {Removed} Quartz triggers")]
    private static partial void LogReconciled(ILogger logger, int restored, int removed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer reconciliation failed")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
