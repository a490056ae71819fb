using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Tests.Support;

/// <summary>
/// A real engine on a real SQLite file, driven by a fake clock: moving the clock fires due timers, so a
/// test crosses months in milliseconds. <see cref="RestartAsync"/> throws the host away and builds a new
/// one on the same file, as a crash and restart would.
/// </summary>
public sealed class WorkflowHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wf-tests-" + Guid.NewGuid().ToString("N"));
    private readonly Action<IServiceCollection>? _configure;
    private readonly TestPostgres? _postgres;
    private ServiceProvider _services = null!;

    private WorkflowHarness(DateTimeOffset start, Action<IServiceCollection>? configure, TestPostgres? postgres)
    {
        Clock = new FakeTimeProvider(start);
        _configure = configure;
        _postgres = postgres;
        Directory.CreateDirectory(_directory);
        Storage = postgres is null ? WorkflowStorage.SqliteFiles(DatabaseFile, QuartzFile) : postgres.Storage;
    }

    public FakeTimeProvider Clock { get; }
    public string DatabaseFile => Path.Combine(_directory, "orchestrator.db");
    public string QuartzFile => Path.Combine(_directory, "quartz.db");
    public WorkflowStorage Storage { get; }
    public IServiceProvider Services => _services;
    public WorkflowEngine Engine => _services.GetRequiredService<WorkflowEngine>();
    public DefinitionStore Definitions => _services.GetRequiredService<DefinitionStore>();

    public static async Task<WorkflowHarness> CreateAsync(Action<IServiceCollection>? configure = null, DateTimeOffset? start = null)
    {
        var harness = new WorkflowHarness(start ?? Epoch, configure, null);
        await harness.BuildAsync();
        return harness;
    }

    /// <summary>The same harness on a fresh PostgreSQL database of its own (see <see cref="TestPostgres"/>).</summary>
    public static async Task<WorkflowHarness> CreateOnPostgresAsync(Action<IServiceCollection>? configure = null)
    {
        var harness = new WorkflowHarness(Epoch, configure, await TestPostgres.CreateDatabaseAsync());
        await harness.BuildAsync();
        return harness;
    }

    public async Task RestartAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await BuildAsync();
    }

    private async Task BuildAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddWorkflows(Storage);
        services.AddClockDrivenTimers();
        services.AddActivity<RecordingActivity>();
        services.AddActivity<WaitingActivity>();
        _configure?.Invoke(services);
        _services = services.BuildServiceProvider();
        await WorkflowSchema.MigrateAsync(_services);
    }

    public Task<WorkflowDbContext> Db() => _services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();

    public async Task<string> DeployAsync(string xml) => (await Definitions.DeployAsync(xml)).Key;

    /// <summary>Moves the clock and fires whatever became due, as the scheduler would.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Engine.FireDueTimersAsync();
    }

    public async Task AdvanceToAsync(DateTimeOffset when)
    {
        Clock.SetUtcNow(when);
        await Engine.FireDueTimersAsync();
    }

    public async Task<List<HumanTaskRecord>> OpenTasksAsync(Guid instanceId)
    {
        await using var db = await Db();
        return await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId && t.Status == HumanTaskStatus.Open)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync();
    }

    public async Task<HumanTaskRecord> TaskAsync(Guid instanceId, string elementId)
    {
        await using var db = await Db();
        return await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId && t.ElementId == elementId)
            .OrderByDescending(t => t.CreatedAt).FirstAsync();
    }

    public async Task CompleteAsync(Guid instanceId, string elementId, IReadOnlyDictionary<string, object?>? values = null)
    {
        var task = (await OpenTasksAsync(instanceId)).Single(t => t.ElementId == elementId);
        await Engine.CompleteTaskAsync(task.Id, values, "tester");
    }

    public async Task<WorkflowInstanceRecord> InstanceAsync(Guid id)
    {
        await using var db = await Db();
        return await db.Instances.AsNoTracking().SingleAsync(i => i.Id == id);
    }

    /// <summary>The instance's history as "entered:id", "completed:id", "cancelled:id", in order.</summary>
    public async Task<List<string>> TraceAsync(Guid instanceId)
    {
        await using var db = await Db();
        return await db.History.AsNoTracking().Where(h => h.InstanceId == instanceId).OrderBy(h => h.Id)
            .Select(h => h.Event.ToString().ToLower() + ":" + h.ElementId).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgres is not null) await _postgres.DropAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
