using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestrator.Components.Live;

namespace Orchestrator.Hosting.Health;

/// <summary>
/// On PostgreSQL, whether the node hears the other nodes' live updates. A node that does not is <c>Degraded</c>, not
/// <c>Unhealthy</c>: it still serves every request correctly (its screens only miss other nodes' changes until reloaded),
/// so the load balancer keeps it while it reconnects; the reason and the outage go to the log.
/// </summary>
public sealed class LiveUpdatesCheck(PostgresLiveBackplane backplane) : IHealthCheck
{
    /// <summary>Healthy while the node listens to the other nodes' live updates, degraded otherwise.</summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(backplane.Listening
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(backplane.LostSince is { } since
                ? $"Not listening to the other nodes' live updates since {since:O}; reconnecting."
                : "Not yet listening to the other nodes' live updates."));
}
