using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Demo;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Structures;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Tests.Demo;

public sealed class DemoSeederTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "demo-tests-" + Guid.NewGuid().ToString("N"));
    private WorkflowStorage Storage => WorkflowStorage.SqliteFiles(Path.Combine(_directory, "orchestrator.db"), Path.Combine(_directory, "quartz.db"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await using var provider = new ServiceCollection().AddClockDrivenOrchestrator(Storage, TimeProvider.System).BuildServiceProvider();
        await Orchestrator.Hosting.DomainServices.MigrateDatabaseAsync(provider);
        await provider.GetRequiredService<DefinitionStore>().ImportFolderAsync(Path.Combine(AppContext.BaseDirectory, "shipped"));
    }

    [Fact]
    public async Task The_demo_fills_an_empty_database_once_with_people_at_every_stage_some_at_risk_in_two_departements()
    {
        var today = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        Assert.True(await new DemoSeeder(Storage, today, NullLogger<DemoSeeder>.Instance, peoplePerStructure: 4, daysOfHistory: 150).SeedIfEmptyAsync(default));
        Assert.False(await new DemoSeeder(Storage, today, NullLogger<DemoSeeder>.Instance, peoplePerStructure: 4, daysOfHistory: 150).SeedIfEmptyAsync(default));

        await using var db = new OrchestratorDbContext(new DbContextOptionsBuilder<OrchestratorDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_directory, "orchestrator.db")}").Options);
        Assert.Equal(["59", "62"], await db.Structures.Select(s => s.Department).Distinct().OrderBy(d => d).ToListAsync());
        var episodes = await db.Episodes.AsNoTracking().ToListAsync();
        Assert.Equal(8 * 2 * 2 * 4, await db.People.CountAsync());
        Assert.Contains(episodes.GroupBy(e => e.PathwayId), pathway => pathway.Select(e => e.StructureId).Distinct().Count() > 1);
        Assert.All(Enum.GetValues<DeviceType>().Where(t => t.RunsPathways()), t => Assert.Contains(episodes, e => e.DeviceType == t));
        Assert.Contains(episodes, e => e.IsActive && e.Stage == EpisodeStage.Entry);
        Assert.Contains(episodes, e => e.IsActive && e.Stage == EpisodeStage.Stay);
        Assert.Contains(episodes, e => e.Status == EpisodeStatus.Closed);
        Assert.Contains(episodes, e => e.Status == EpisodeStatus.NotAdmitted);
        Assert.True(await db.Alerts.CountAsync(a => a.State != AlertState.Resolved) > 0);
        Assert.True(await db.Alerts.CountAsync(a => a.State == AlertState.Resolved) > 0);
        Assert.True(await db.Handoffs.AnyAsync());
        Assert.DoesNotContain(episodes, e => e.RequestedAt > today.GetUtcNow());
        Assert.All(episodes.Where(e => e.IsActive && e.Stage >= EpisodeStage.Stay), e => Assert.NotNull(e.ReferentId));
        // The README's referent account has people to follow, so its tasks, alerts and calendar are not empty on the first try.
        var referent = await db.Staff.AsNoTracking().SingleAsync(s => s.UserName == "referent");
        Assert.InRange(episodes.Count(e => e.IsActive && e.ReferentId == referent.Id), 1, 6);
        // What the reports read beyond the pathways: recourses to outside care, ACT and LAM entry profiles, the LHSS director's texts.
        Assert.True(await db.CareRecourses.CountAsync() > 10);
        Assert.Contains(episodes, e => e.DeviceType == DeviceType.Act && e.Pathology is not null && e.HousingBeforeEntry is not null);
        Assert.True(await db.ReportNarratives.AnyAsync());
        await using (var provider = new ServiceCollection().AddClockDrivenOrchestrator(Storage, today).BuildServiceProvider())
        await using (var scope = provider.CreateAsyncScope())
        {
            var lhss = await db.Structures.Where(s => s.Type == DeviceType.Lhss).Select(s => s.Id).ToListAsync();
            var data = await scope.ServiceProvider.GetRequiredService<Orchestrator.Application.Reports.ReportDatasetLoader>()
                .LoadAsync(lhss, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), null, default);
            Assert.Contains(data.Episodes, e => e.Tasks.Count > 0); // the pathways' answers reach the reports
            var report = Orchestrator.Application.Reports.RegionalReportBuilder.Build(data, 2026);
            Assert.Contains(report.SelectMany(s => s.Tables).SelectMany(t => t.Rows).SelectMany(r => r.Cells), c => c.Value > 10);
        }
        var identity = await db.Identities.FirstAsync();
        Assert.False(string.IsNullOrWhiteSpace(identity.LastName));
        Assert.DoesNotContain(identity.LastName!, (await db.People.SingleAsync(p => p.Id == identity.PersonId)).Pseudonym);
    }

    [Fact]
    public async Task A_demo_too_small_to_leave_anyone_staying_still_gives_the_readme_referent_someone_to_follow()
    {
        // One person per structure, a year and more ago: every LHSS stay of it is over by today.
        var today = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        Assert.True(await new DemoSeeder(Storage, today, NullLogger<DemoSeeder>.Instance, peoplePerStructure: 1, daysOfHistory: 400).SeedIfEmptyAsync(default));

        await using var db = new OrchestratorDbContext(new DbContextOptionsBuilder<OrchestratorDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_directory, "orchestrator.db")}").Options);
        var referent = await db.Staff.AsNoTracking().SingleAsync(s => s.UserName == "referent");
        Assert.InRange(await db.Episodes.CountAsync(e => e.Status == EpisodeStatus.Active && e.ReferentId == referent.Id), 1, 6);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
