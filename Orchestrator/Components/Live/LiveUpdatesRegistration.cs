using Orchestrator.Hosting.Health;

namespace Orchestrator.Components.Live;

/// <summary>How a node's live updates reach the other nodes.</summary>
public static class LiveUpdatesRegistration
{
    /// <summary>
    /// Relays live updates through PostgreSQL <c>LISTEN</c>/<c>NOTIFY</c> on <paramref name="connectionString"/> (the
    /// application database every node shares), and adds the <c>live-updates</c> readiness check. Without it (SQLite, one
    /// node) live updates stay in-process.
    /// </summary>
    public static IServiceCollection AddPostgresLiveUpdates(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(sp => new PostgresLiveBackplane(connectionString, sp.GetRequiredService<LiveUpdates>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresLiveBackplane>>()));
        services.AddHostedService(sp => sp.GetRequiredService<PostgresLiveBackplane>());
        services.AddHealthChecks().AddCheck<LiveUpdatesCheck>("live-updates", tags: [ReadinessChecks.Ready]);
        return services;
    }
}
