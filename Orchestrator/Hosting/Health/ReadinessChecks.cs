using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Scheduling;
using Quartz;

namespace Orchestrator.Hosting.Health;

/// <summary>
/// The checks of <c>/health/ready</c>: the application database answers for both the engine's and the domain's tables,
/// Quartz runs and reads its store, start-up work is done. Their answers carry no detail over HTTP; the reason goes to the log.
/// </summary>
public static class ReadinessChecks
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs; <c>/health/live</c> runs none.</summary>
    public const string Ready = "ready";

    /// <summary>Registers the checks; the Quartz one only where Quartz fires the timers.</summary>
    public static IHealthChecksBuilder AddReadinessChecks(this IServiceCollection services, bool quartz)
    {
        services.AddSingleton<StartupState>();
        var checks = services.AddHealthChecks()
            .AddCheck<StartupCheck>("startup", tags: [Ready])
            .AddCheck<DatabaseCheck>("database", tags: [Ready]);
        if (quartz) checks.AddCheck<QuartzCheck>("timers", tags: [Ready]);
        return checks;
    }

    private sealed class StartupCheck(StartupState state) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(state.Done ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Start-up work is still running."));
    }

    private sealed class DatabaseCheck(IDbContextFactory<WorkflowDbContext> engine, IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using (var db = await engine.CreateDbContextAsync(cancellationToken))
                await db.Instances.AnyAsync(cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Episodes.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
    }

    private sealed class QuartzCheck(ISchedulerFactory schedulers) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            if (await scheduler.GetStatus(cancellationToken) != SchedulerStatus.Running)
                return HealthCheckResult.Unhealthy("The Quartz scheduler is not running.");
            // Reads Quartz's own store (its own database on SQLite).
            return await scheduler.GetJobDetail(WorkflowTimerJob.Key, cancellationToken) is not null
                ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The timer job is missing from Quartz's store.");
        }
    }
}
