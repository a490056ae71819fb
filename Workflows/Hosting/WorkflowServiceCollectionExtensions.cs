using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Persistence.Migrations;
using Orchestrator.Workflows.Persistence.Writing;
using Microsoft.Extensions.Logging;
using Orchestrator.Workflows.Scheduling;
using Quartz;

namespace Orchestrator.Workflows.Hosting;

/// <summary>Registers the engine in a host's services.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>The engine, its persistence and the outbox. Choose timers with <see cref="AddQuartzTimers"/> or <see cref="AddClockDrivenTimers"/>.</summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services, WorkflowStorage storage, Action<WorkflowOptions>? configure = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WorkflowOptions>().Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<WorkflowOptions>, WorkflowOptionsValidator>();
        // One context type per provider, because EF Core finds a context's migrations by its type.
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            services.AddPooledDbContextFactory<SqliteWorkflowDbContext>(db => ConfigureDatabase(db, storage, WorkflowMigrations.HistoryTable));
            services.TryAddSingleton<IDbContextFactory<WorkflowDbContext>, DerivedContextFactory<WorkflowDbContext, SqliteWorkflowDbContext>>();
        }
        else
        {
            services.AddPooledDbContextFactory<PostgresWorkflowDbContext>(db => ConfigureDatabase(db, storage, WorkflowMigrations.HistoryTable));
            services.TryAddSingleton<IDbContextFactory<WorkflowDbContext>, DerivedContextFactory<WorkflowDbContext, PostgresWorkflowDbContext>>();
        }
        services.TryAddSingleton(sp => new ActivityCatalog(sp.GetServices<ActivityRegistration>().Select(r => r.ActivityType)));
        services.TryAddSingleton<DefinitionCache>();
        services.TryAddSingleton<DefinitionStore>();
        services.TryAddSingleton<IStepWriter>(sp => storage.Provider == DatabaseProvider.Sqlite
            ? new SqliteGroupCommitWriter(storage.ConnectionString, sp.GetRequiredService<ILogger<SqliteGroupCommitWriter>>())
            : new EfStepWriter());
        services.AddMetrics();
        services.TryAddSingleton<Diagnostics.WorkflowMetrics>();
        services.TryAddSingleton<WorkflowEngine>();
        services.TryAddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    /// <summary>Points a context at the storage; each context of the shared database keeps its own migrations history table.</summary>
    public static void ConfigureDatabase(DbContextOptionsBuilder db, WorkflowStorage storage, string migrationsHistoryTable)
    {
        if (storage.Provider == DatabaseProvider.Sqlite)
            db.UseSqlite(storage.ConnectionString, o => o.MigrationsHistoryTable(migrationsHistoryTable)).AddInterceptors(new SqlitePragmaInterceptor());
        else
            db.UseNpgsql(storage.ConnectionString, o => o.MigrationsHistoryTable(migrationsHistoryTable));
        db.ReplaceService<IModelCacheKeyFactory, ProviderModelCacheKeyFactory>();
    }

    /// <summary>Makes <typeparamref name="TActivity"/> available to service tasks under the name of its <see cref="Extensibility.ActivityAttribute"/>.</summary>
    public static IServiceCollection AddActivity<TActivity>(this IServiceCollection services) where TActivity : class, IActivity
    {
        services.TryAddTransient<TActivity>();
        services.AddSingleton(new ActivityRegistration(typeof(TActivity)));
        return services;
    }

    /// <summary>Timers on Quartz.NET with a persistent store, plus the reconciler that keeps Quartz in line with the database.</summary>
    public static IServiceCollection AddQuartzTimers(this IServiceCollection services, WorkflowStorage storage, bool runHostedServices = true,
        Action<QuartzTimerOptions>? configure = null)
    {
        services.AddOptions<QuartzTimerOptions>()
            .Configure(o => configure?.Invoke(o))
            .Validate(o => o.ReconcilePeriod > TimeSpan.Zero && o.ReconcilePeriod * 2 <= o.Horizon,
                "The Quartz horizon must be at least twice the reconcile period, or a timer could come due before Quartz has it.")
            .Validate(o => o.StoreCallTimeout > TimeSpan.Zero, "The bound on a call into Quartz's store must be positive.")
            .ValidateOnStart();
        var timerOptions = new QuartzTimerOptions();
        configure?.Invoke(timerOptions);
        services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(2); // overdue timers found at start-up drain two at a time, never as a burst
            q.UsePersistentStore(store =>
            {
                if (storage.Provider == DatabaseProvider.Sqlite)
                {
                    store.UseSqlite(storage.QuartzConnectionString);
                    store.UseConnectionProvider(_ => new QuartzSqliteProvider(storage.QuartzConnectionString));
                }
                else
                {
                    store.UsePostgres(storage.QuartzConnectionString);
                    // Each node checks in under an id Quartz generates for it; a node silent for a check-in period (plus a margin) is
                    // taken for dead, and another node takes its timers over, re-running those it was firing (see the job's recovery).
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = timerOptions.ClusterCheckinInterval;
                        c.CheckinMisfireThreshold = timerOptions.ClusterCheckinInterval;
                    });
                }
                store.ProvisionSchema();
            });
            q.AddJob<WorkflowTimerJob>(j => j.WithIdentity(WorkflowTimerJob.Key).StoreDurably().RequestRecovery()); // as WorkflowTimerJob.Detail()
        });
        services.TryAddSingleton<QuartzTimerScheduler>();
        services.Replace(ServiceDescriptor.Singleton<ITimerScheduler>(sp => sp.GetRequiredService<QuartzTimerScheduler>()));
        services.TryAddSingleton<TimerReconciler>();
        if (runHostedServices)
        {
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
            services.TryAddSingleton<TimerReconciliationService>();
            services.AddHostedService(sp => sp.GetRequiredService<TimerReconciliationService>());
        }
        return services;
    }

    /// <summary>No scheduler: whoever drives the clock fires due timers (simulation, tests).</summary>
    public static IServiceCollection AddClockDrivenTimers(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ITimerScheduler, ClockDrivenTimerScheduler>());
        return services;
    }
}
