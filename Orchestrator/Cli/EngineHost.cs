using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Activities;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;
using Serilog;

namespace Orchestrator.Cli;

/// <summary>An engine without the web host, for the admin commands: the same services the app runs on.</summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly SqliteConnection? _keepAlive;

    private EngineHost(ServiceProvider services, SqliteConnection? keepAlive)
    {
        Services = services;
        _keepAlive = keepAlive;
    }

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A private in-memory SQLite database that lives as long as this host: a dry run writes nothing to disk.</summary>
    public static Task<EngineHost> InMemoryAsync(TimeProvider clock)
    {
        var connectionString = $"Data Source=file:simulation-{Guid.NewGuid():N}?mode=memory&cache=shared";
        var keepAlive = new SqliteConnection(connectionString);
        keepAlive.Open();
        var storage = new WorkflowStorage(DatabaseProvider.Sqlite, connectionString, connectionString);
        return BuildAsync(storage, clock, s => s.AddClockDrivenTimers(), keepAlive);
    }

    public static Task<EngineHost> OnStorageAsync(WorkflowStorage storage, TimeProvider clock, Action<IServiceCollection> timers) =>
        BuildAsync(storage, clock, timers, null);

    private static async Task<EngineHost> BuildAsync(WorkflowStorage storage, TimeProvider clock, Action<IServiceCollection> timers, SqliteConnection? keepAlive)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddSerilog(CliLog.Create(), dispose: true));
        services.AddSingleton(clock);
        services.AddWorkflows(storage, o => o.UseTaskRoles(Application.Security.DecisionRights.TaskRoles));
        services.AddActivityLibrary();
        timers(services);
        var provider = services.BuildServiceProvider();
        await WorkflowSchema.MigrateAsync(provider);
        return new EngineHost(provider, keepAlive);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_keepAlive is not null) await _keepAlive.DisposeAsync();
    }
}
