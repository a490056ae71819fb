using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Activities;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Tests.Support;

/// <summary>
/// The domain, the engine and the shipped definitions on a real SQLite file, with a fake clock that
/// walks from one due timer to the next so months pass in milliseconds and every timer fires on time.
/// </summary>
public sealed class PathwayHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(1));
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pathway-tests-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<(DeviceType, StaffRole), StaffMember> _staff = new();

    private PathwayHarness(ServiceProvider services, FakeTimeProvider clock)
    {
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; private set; } = null!;
    public FakeTimeProvider Clock { get; }
    public Dictionary<DeviceType, Structure> Structures { get; } = new();
    public WorkflowEngine Engine => Services.GetRequiredService<WorkflowEngine>();

    public WorkflowStorage Storage => WorkflowStorage.SqliteFiles(Path.Combine(_directory, "orchestrator.db"), Path.Combine(_directory, "quartz.db"));
    private Action<Orchestrator.Notifications.SmtpOptions>? _smtp;

    private Action<IServiceCollection>? _configure;

    public static async Task<PathwayHarness> CreateAsync(Action<Orchestrator.Notifications.SmtpOptions>? smtp = null, Action<IServiceCollection>? configure = null)
    {
        var clock = new FakeTimeProvider(Start);
        var harness = new PathwayHarness(null!, clock) { _smtp = smtp, _configure = configure };
        Directory.CreateDirectory(harness._directory);
        harness.Services = harness.NewNode();
        await DomainServices.MigrateDatabaseAsync(harness.Services);
        await harness.Services.GetRequiredService<DefinitionStore>().ImportFolderAsync(Path.Combine(AppContext.BaseDirectory, "shipped"));
        await harness.SeedAsync();
        return harness;
    }

    /// <summary>Another process on the same database and clock: what a restart, or a second node, sees.</summary>
    public ServiceProvider NewNode()
    {
        var services = new ServiceCollection().AddClockDrivenOrchestrator(Storage, Clock, _smtp);
        _configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>Stops this process as a kill would (nothing in memory survives) and starts it again on the same database.</summary>
    public async Task RestartAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Services = NewNode();
        await DomainServices.MigrateDatabaseAsync(Services);
    }

    private async Task SeedAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        foreach (var type in Enum.GetValues<DeviceType>())
        {
            var structure = new Structure { Name = $"{type.Label()} test", Type = type, Department = "59", City = "Lille" };
            structure.Sites.Add(new Site { Name = "Site principal", City = "Lille", Capacity = 20 });
            db.Structures.Add(structure);
            Structures[type] = structure;
            foreach (var role in new[] { StaffRole.Director, StaffRole.Doctor, StaffRole.Nurse, StaffRole.SocialWorker, StaffRole.Coordinator }
                .Concat(type == DeviceType.ActChezSoiDabord ? [StaffRole.Psychiatrist] : Array.Empty<StaffRole>()))
            {
                var userName = $"{type}-{role}".ToLowerInvariant();
                var member = new StaffMember { UserName = userName, DisplayName = $"{role} {type}", Role = role, StructureId = structure.Id, Email = $"{userName}@exemple.fr" };
                db.Staff.Add(member);
                _staff[(type, role)] = member;
            }
        }
        await db.SaveChangesAsync();
    }

    public StaffMember Staff(DeviceType device, StaffRole role) => _staff[(device, role)];

    /// <summary>An administrator account (of no structure), created on first use.</summary>
    public async Task<StaffMember> AdministratorAsync()
    {
        if (_administrator is not null) return _administrator;
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        _administrator = new StaffMember { UserName = "admin", DisplayName = "Administrateur", Role = StaffRole.Administrator };
        db.Staff.Add(_administrator);
        await db.SaveChangesAsync();
        return _administrator;
    }

    private StaffMember? _administrator;

    /// <summary>Sends a command or query as <paramref name="actor"/> (or as the system), then lets the outbox reach the domain.</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request, StaffMember? actor = null)
    {
        var result = await Services.GetRequiredService<IServiceScopeFactory>().SendAsAsync(actor, request);
        await DrainAsync();
        return result;
    }

    public Task DrainAsync() => Services.GetRequiredService<OutboxDispatcher>().DrainAsync();

    /// <summary>Moves the clock timer by timer up to <paramref name="by"/> from now, firing each when it falls due.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        var target = Clock.GetUtcNow() + by;
        while (await Engine.NextTimerDueAsync() is { } due && due <= target)
        {
            if (due > Clock.GetUtcNow()) Clock.SetUtcNow(due);
            await Engine.FireDueTimersAsync();
            await DrainAsync();
        }
        Clock.SetUtcNow(target);
    }

    public async Task<List<HumanTaskRecord>> OpenTasksAsync(Guid episodeId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var key = episodeId.ToString();
        return await db.Tasks.AsNoTracking().Where(t => t.BusinessKey == key && t.Status == HumanTaskStatus.Open).OrderBy(t => t.CreatedAt).ToListAsync();
    }

    public async Task<HumanTaskRecord> TaskAsync(Guid episodeId, string elementId) =>
        (await OpenTasksAsync(episodeId)).SingleOrDefault(t => t.ElementId == elementId)
        ?? throw new Xunit.Sdk.XunitException($"No open task '{elementId}'; open: {string.Join(", ", (await OpenTasksAsync(episodeId)).Select(t => t.ElementId))}");

    public async Task CompleteAsync(Guid episodeId, string elementId, StaffMember actor, Dictionary<string, object?>? values = null)
    {
        var task = await TaskAsync(episodeId, elementId);
        await SendAsync(new Application.Tasks.CompleteTaskCommand(task.Id, values ?? new Dictionary<string, object?>()), actor);
    }

    public async Task<Episode> EpisodeAsync(Guid id)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Episodes.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    public async Task<List<Episode>> EpisodesOfPersonAsync(Guid personId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Episodes.AsNoTracking().Where(e => e.PersonId == personId).ToListAsync();
    }

    public async Task<List<Alert>> AlertsAsync(Guid episodeId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Alerts.AsNoTracking().Where(a => a.EpisodeId == episodeId).ToListAsync();
    }

    public async Task<List<Handoff>> HandoffsAsync(Guid episodeId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Handoffs.AsNoTracking().Where(h => h.EpisodeId == episodeId).ToListAsync();
    }

    public async Task<List<string>> MilestonesAsync(Guid episodeId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Milestones.AsNoTracking()
            .Where(m => m.EpisodeId == episodeId).OrderBy(m => m.Id).Select(m => m.Code).ToListAsync();
    }

    /// <summary>
    /// A referral of a new person to the device's test structure, recorded by its coordinator, by a referrer the device
    /// accepts (<see cref="LawfulReferral"/>) unless the test gives its own.
    /// </summary>
    public async Task<Guid> ReferAsync(DeviceType device, Dictionary<string, object?>? variables = null, Domain.Pathways.Referral? referral = null)
    {
        var result = await SendAsync(new Application.Episodes.RequestAdmissionCommand(Structures[device].Id, null,
            new Application.Episodes.NewPerson(TestPseudonyms.Next("T."), 1970, null, null, null, null), "Test", variables)
            { Referral = referral ?? LawfulReferral(device) },
            Staff(device, StaffRole.Coordinator));
        return result.EpisodeId;
    }

    /// <summary>A referral each device accepts: a doctor after a social evaluation for a LAM, an EMPP for ACT UCSD, the person's own request for ACT.</summary>
    public static Domain.Pathways.Referral LawfulReferral(DeviceType device) => device switch
    {
        DeviceType.Lam => new(Domain.Pathways.ReferrerType.Doctor, SocialEvaluation: true),
        DeviceType.ActChezSoiDabord => new(Domain.Pathways.ReferrerType.Empp),
        DeviceType.Act => new(Domain.Pathways.ReferrerType.Self, PersonRequest: true),
        _ => new(Domain.Pathways.ReferrerType.Doctor),
    };

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
