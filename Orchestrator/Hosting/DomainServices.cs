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
    private static readonly ConcurrencyVersionInterceptor Concurrency = new();

    /// <summary>
    /// Registers the domain: its database on <paramref name="storage"/>, interceptors, handlers and background services;
    /// <paramref name="smtp"/> configures alert mail (none when it sets no host).
    /// </summary>
    public static IServiceCollection AddOrchestratorDomain(this IServiceCollection services, WorkflowStorage storage,
        Action<Notifications.SmtpOptions>? smtp = null)
    {
        services.AddOptions<Notifications.SmtpOptions>().Configure(o => smtp?.Invoke(o))
            // A relay password sent in clear can be read by anyone on the way: refused at start-up, not discovered in a capture.
            .Validate(o => string.IsNullOrWhiteSpace(o.Host) || string.IsNullOrEmpty(o.UserName) || o.Encrypted,
                "Smtp:UserName is set but the connection to the relay is not encrypted: set Smtp:StartTls=true, or Smtp:Port=465 for implicit TLS.")
            .ValidateOnStart();
        // The engine refuses a task role no function of the decision rights holds: nobody could complete such a task.
        services.Configure<WorkflowOptions>(o => o.UseTaskRoles(DecisionRights.TaskRoles));
        // One context type per provider, because EF Core finds a context's migrations by its type.
        void Configure(IServiceProvider sp, DbContextOptionsBuilder db)
        {
            WorkflowServiceCollectionExtensions.ConfigureDatabase(db, storage, Persistence.Migrations.DomainMigrations.HistoryTable);
            db.AddInterceptors(sp.GetRequiredService<Notifications.AlertMailInterceptor>(), Concurrency);
        }
        if (storage.Provider == DatabaseProvider.Sqlite)
            services.AddDbContextPool<OrchestratorDbContext, Persistence.Migrations.SqliteOrchestratorDbContext>(Configure);
        else
            services.AddDbContextPool<OrchestratorDbContext, Persistence.Migrations.PostgresOrchestratorDbContext>(Configure);
        services.AddApplication();
        services.AddScoped<CurrentStaff>();
        services.AddScoped<CareTeam>();
        services.AddOptions<CareTeamOptions>();
        services.AddOptions<Application.Consents.ConsentOptions>();
        services.AddOptions<Application.Retention.RetentionOptions>();
        services.AddSingleton<Application.Retention.RecordRetention>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<PathwayParameters>();
        services.AddScoped<Application.Episodes.EpisodeOpener>();
        services.AddScoped<Application.Reports.ReportDatasetLoader>();
        services.AddScoped<ReferentAssigner>();
        services.AddSingleton<IWorkflowEventSink, WorkflowEventBridge>();
        services.AddSingleton<Components.Live.LiveUpdates>();
        services.AddSingleton<Notifications.AlertMailer>();
        services.AddMetrics();
        services.AddSingleton<Diagnostics.DomainMetrics>();
        services.AddSingleton<Notifications.AlertMailOutbox>();
        services.AddSingleton<Notifications.AlertMailInterceptor>();
        services.AddSingleton<Application.Outbox.DomainOutboxDispatcher>();
        services.AddSingleton<Application.Outbox.HandoffAnswerWork>();
        services.AddOptions<Application.Tasks.OverdueTaskOptions>();
        services.AddSingleton<Application.Tasks.OverdueTaskScan>();
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

    /// <summary>
    /// Brings the engine's and the domain's tables in the shared database to the latest migration: creates them in
    /// an empty database, upgrades them in place otherwise (a database of the release before migrations is adopted
    /// at the baseline). Safe with several nodes: EF Core applies migrations under a database lock.
    /// </summary>
    /// <exception cref="SchemaMigrationException">The database holds tables this release cannot recognise; nothing was changed.</exception>
    public static async Task MigrateDatabaseAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await WorkflowSchema.MigrateAsync(services, ct);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        await SchemaMigrator.MigrateAsync(db, db.PreMigrationSchema, ct);
    }

    /// <summary>Migrations of either context not yet applied, as <c>context: migration</c>, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var pending = new List<string>();
        await using (var engine = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(ct))
            pending.AddRange((await SchemaMigrator.PendingMigrationsAsync(engine, engine.PreMigrationSchema, ct)).Select(m => "engine: " + m));
        await using var scope = services.CreateAsyncScope();
        var domain = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        pending.AddRange((await SchemaMigrator.PendingMigrationsAsync(domain, domain.PreMigrationSchema, ct)).Select(m => "domain: " + m));
        return pending;
    }

    /// <summary>The SQL script of both contexts (see <see cref="SchemaMigrator.ScriptAsync"/>), for a database administrator who applies migrations by hand.</summary>
    public static async Task<string> MigrationScriptAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var engine = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(ct);
        await using var scope = services.CreateAsyncScope();
        return "-- Orchestrator engine tables\n" + await SchemaMigrator.ScriptAsync(engine, ct) +
            "\n-- Orchestrator domain tables\n" + await SchemaMigrator.ScriptAsync(scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>(), ct);
    }
}
