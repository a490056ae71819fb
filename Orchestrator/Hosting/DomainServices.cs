using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Pathways;
using Orchestrator.Application.Security;
using Orchestrator.Application.Settings;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Hosting;

/// <summary>The domain, its application layer and the bridge from workflow events; shared by the web host, the tests and the demo seeder.</summary>
public static class DomainServices
{
    public static IServiceCollection AddOrchestratorDomain(this IServiceCollection services, WorkflowStorage storage,
        Action<Notifications.SmtpOptions>? smtp = null)
    {
        services.AddOptions<Notifications.SmtpOptions>().Configure(o => smtp?.Invoke(o));
        services.AddDbContext<OrchestratorDbContext>(db => WorkflowServiceCollectionExtensions.ConfigureDatabase(db, storage));
        services.AddApplication();
        services.AddScoped<CurrentStaff>();
        services.AddScoped<PersonAccess>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<PathwayParameters>();
        services.AddScoped<ReferentAssigner>();
        services.AddSingleton<IWorkflowEventSink, WorkflowEventBridge>();
        services.AddSingleton<Components.Live.LiveUpdates>();
        services.AddSingleton<Notifications.AlertMailer>();
        services.AddSingleton<Notifications.AlertMailQueue>();
        return services;
    }

    /// <summary>
    /// Engine, activities and domain without the web host and with timers fired by whoever drives
    /// <paramref name="clock"/>: the demo seeder's simulated year and the tests' fake clock.
    /// </summary>
    public static IServiceCollection AddClockDrivenOrchestrator(this IServiceCollection services, WorkflowStorage storage, TimeProvider clock,
        Action<Notifications.SmtpOptions>? smtp = null)
    {
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(clock);
        services.AddWorkflows(storage);
        Activities.ActivityLibrary.AddActivityLibrary(services);
        services.AddClockDrivenTimers();
        return services.AddOrchestratorDomain(storage, smtp);
    }

    /// <summary>Creates the engine's and the domain's tables in the shared database when missing.</summary>
    public static async Task CreateDatabaseAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using (var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(ct))
            await WorkflowDatabase.CreateTablesIfMissingAsync(db, "wf_instances", ct);
        await using var scope = services.CreateAsyncScope();
        await WorkflowDatabase.CreateTablesIfMissingAsync(scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>(), "episodes", ct);
    }
}
