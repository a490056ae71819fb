using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Hosting;

/// <summary>
/// Creates the database on first start, loads the shipped definitions as version 1 and, on the embedded default, the demo data.
/// The schema is migrated while the host is starting, before any hosted service starts (the data-protection
/// key ring, the outbox dispatcher and Quartz all read the database as soon as they start).
/// </summary>
public sealed partial class WorkflowBootstrapper(
    IServiceProvider services,
    DefinitionStore definitions,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider clock,
    ILoggerFactory loggers,
    Health.StartupState startup,
    ILogger<WorkflowBootstrapper> logger) : IHostedLifecycleService
{
    /// <summary>Migrates the schema, or with <c>Orchestrator:MigrateOnStart=false</c> checks that none is pending.</summary>
    /// <exception cref="SchemaMigrationException">Migrations are pending and <c>Orchestrator:MigrateOnStart</c> is false.</exception>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        // Orchestrator:MigrateOnStart=false leaves migrations to `Orchestrator migrate` (or a DBA's script); the app then
        // refuses to run on a schema older than its own rather than fail later on a missing column.
        if (configuration.GetValue("Orchestrator:MigrateOnStart", true))
            await DomainServices.MigrateDatabaseAsync(services, cancellationToken);
        else if (await DomainServices.PendingMigrationsAsync(services, cancellationToken) is { Count: > 0 } pending)
            throw new SchemaMigrationException($"The database needs {pending.Count} migration(s) ({string.Join(", ", pending)}) and " +
                "Orchestrator:MigrateOnStart is false: run `Orchestrator migrate`, or apply `Orchestrator migrate --script`, then start again.");
    }

    /// <summary>Imports the shipped definitions not yet stored, seeds the demo data on the embedded SQLite default (unless <c>Orchestrator:DemoData</c> is false), then marks the start done.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = OrchestratorPaths.DefinitionsDirectory(configuration);
        if (!Directory.Exists(folder))
        {
            LogNoDefinitions(logger, folder);
            startup.MarkDone();
            return;
        }
        var imported = await definitions.ImportFolderAsync(folder, cancellationToken);
        if (imported.Count > 0) LogImported(logger, imported.Count, string.Join(", ", imported));
        var storage = OrchestratorPaths.Storage(configuration, environment);
        // Demo data only on the embedded default, and only into an empty database.
        if (configuration.GetValue("Orchestrator:DemoData", true) && storage.Provider == Workflows.Hosting.DatabaseProvider.Sqlite)
            await new Demo.DemoSeeder(storage, clock, loggers.CreateLogger<Demo.DemoSeeder>()).SeedIfEmptyAsync(cancellationToken);
        startup.MarkDone();
    }

    /// <summary>Nothing to do.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    /// <summary>Nothing to do.</summary>
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    /// <summary>Nothing to do.</summary>
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    /// <summary>Nothing to do.</summary>
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Count} shipped definitions as version 1: {Keys}")]
    private static partial void LogImported(ILogger logger, int count, string keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No definitions folder at {Folder}; nothing imported")]
    private static partial void LogNoDefinitions(ILogger logger, string folder);
}
