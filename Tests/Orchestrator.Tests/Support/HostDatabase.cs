using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Settings;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Tests.Support;

namespace Orchestrator.Tests.Support;

/// <summary>
/// A fresh database for host processes (SQLite files in a temporary folder, or a throwaway PostgreSQL database), brought
/// to the latest schema and given the test's structures and accounts before any host starts, as an operator would with
/// <c>migrate</c>. The test reads it directly to check what the hosts wrote.
/// </summary>
public sealed class HostDatabase : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "orchestrator-process-" + Guid.NewGuid().ToString("N"));
    private readonly TestPostgres? _postgres;
    private readonly Lazy<Task<LiveChanges>>? _changes;
    private ServiceProvider? _services;

    private HostDatabase(TestPostgres? postgres)
    {
        _postgres = postgres;
        Directory.CreateDirectory(_data);
        Storage = postgres?.Storage ?? WorkflowStorage.SqliteFiles(Path.Combine(_data, "orchestrator.db"), Path.Combine(_data, "quartz.db"));
        if (postgres is not null) _changes = new(() => LiveChanges.ListenAsync(Storage.ConnectionString));
    }

    public WorkflowStorage Storage { get; }
    public bool IsPostgres => _postgres is not null;
    public Structure Lhss { get; } = new() { Name = "LHSS Les Tilleuls — Lille", Type = DeviceType.Lhss, Department = "59", City = "Lille" };
    public Structure Act { get; } = new() { Name = "ACT Horizon — Arras", Type = DeviceType.Act, Department = "62", City = "Arras" };

    /// <summary>The engine and domain services on this database, for the test's own reads (no background service runs).</summary>
    public IServiceProvider Services => _services!;

    /// <summary>
    /// On PostgreSQL, the live updates the hosts announce after their commits, listened to from the first call on; null on
    /// SQLite, where nothing tells another process that a host committed.
    /// </summary>
    public async Task<LiveChanges?> ChangesAsync() => _changes is null ? null : await _changes.Value;

    /// <summary>SQLite files; each admission's DIPC is due <paramref name="dipcDeadline"/> (ISO 8601) later.</summary>
    public static Task<HostDatabase> SqliteAsync(string dipcDeadline = "PT2S") => PrepareAsync(new HostDatabase(null), dipcDeadline);

    /// <summary>A throwaway PostgreSQL database; each admission's DIPC is due <paramref name="dipcDeadline"/> (ISO 8601) later.</summary>
    public static async Task<HostDatabase> PostgresAsync(string dipcDeadline = "PT2S") =>
        await PrepareAsync(new HostDatabase(await TestPostgres.CreateDatabaseAsync()), dipcDeadline);

    /// <summary>
    /// The environment of a host on this database: its data folder (logs, SQLite files), the database, one key-encryption key for
    /// every node (so a node reads the data-protection keys another wrote) and an SMTP relay that refuses connections, so that
    /// alert mails are written to their outbox and kept there.
    /// </summary>
    public Dictionary<string, string> HostSettings(string node)
    {
        var settings = new Dictionary<string, string>
        {
            ["Orchestrator__DataDirectory"] = _data,
            ["Orchestrator__LogDirectory"] = Path.Combine(_data, "logs-" + node),
            ["DataProtection__KeyEncryptionKey"] = Convert.ToBase64String(KeyEncryptionKey),
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = "9", // discard: nothing listens there on a test machine
            ["Smtp__From"] = "orchestrator@test.invalid",
        };
        if (_postgres is not null) settings["ConnectionStrings__Postgres"] = Storage.ConnectionString;
        return settings;
    }

    private static readonly byte[] KeyEncryptionKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    private static async Task<HostDatabase> PrepareAsync(HostDatabase database, string dipcDeadline)
    {
        database._services = new ServiceCollection().AddClockDrivenOrchestrator(database.Storage, TimeProvider.System).BuildServiceProvider();
        await DomainServices.MigrateDatabaseAsync(database._services);
        using var scope = database._services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        database.Lhss.Sites.Add(new Site { Name = "Site principal", City = "Lille", Capacity = 500 });
        database.Act.Sites.Add(new Site { Name = "Appartements", City = "Arras", Capacity = 500 });
        db.Structures.AddRange(database.Lhss, database.Act);
        Add(db, "admin", StaffRole.Administrator, null);
        Add(db, "coordinator", StaffRole.Coordinator, database.Lhss.Id);
        Add(db, "doctor", StaffRole.Doctor, database.Lhss.Id);
        Add(db, "director", StaffRole.Director, database.Lhss.Id);
        Add(db, "social-worker", StaffRole.SocialWorker, database.Lhss.Id);
        Add(db, "act-director", StaffRole.Director, database.Act.Id);
        // The DIPC is due seconds after admission: each admitted person's stay has a timer that fires while the test runs.
        db.Settings.Add(new PathwaySetting { DefinitionKey = "lhss", Name = "dipcDeadline", Value = dipcDeadline, ChangedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return database;
    }

    private static void Add(OrchestratorDbContext db, string userName, StaffRole role, Guid? structureId)
    {
        var member = new StaffMember { UserName = userName, DisplayName = userName, Role = role, StructureId = structureId };
        member.PasswordHash = LocalAccounts.Hash(member, Password);
        db.Staff.Add(member);
    }

    public async ValueTask DisposeAsync()
    {
        if (_changes is { IsValueCreated: true }) await (await _changes.Value).DisposeAsync();
        if (_services is not null) await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgres is not null) await _postgres.DropAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
