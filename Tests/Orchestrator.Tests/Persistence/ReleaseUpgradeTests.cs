using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;

namespace Orchestrator.Tests.Persistence;

/// <summary>
/// A structure that installed the release before migrations upgrades in place: its database is recognised,
/// migrated, and every person, episode, task, alert, history row and pending timer is still there, and the timers
/// still fire on their day.
/// </summary>
public sealed class ReleaseUpgradeTests
{
    [Fact]
    public async Task A_sqlite_database_of_the_release_before_migrations_is_upgraded_in_place_and_loses_nothing()
    {
        await using var fixture = await ReleaseFixture.SqliteAsync();
        await UpgradesInPlaceAsync(fixture);
    }

    [PostgresFact]
    public async Task A_postgresql_database_of_the_release_before_migrations_is_upgraded_in_place_and_loses_nothing()
    {
        await using var fixture = await ReleaseFixture.PostgresAsync();
        await UpgradesInPlaceAsync(fixture);
    }

    private static readonly string[] Tables =
        ["people", "person_identities", "episodes", "pathways", "alerts", "handoffs", "audit_log", "care_notes", "staff", "structures",
         "wf_instances", "wf_tasks", "wf_history", "wf_bookmarks", "wf_definitions"];

    private static async Task UpgradesInPlaceAsync(ReleaseFixture fixture)
    {
        var before = new Dictionary<string, long>();
        foreach (var table in Tables) before[table] = await fixture.CountAsync($"SELECT count(*) FROM {table}");
        Assert.True(before["people"] > 50 && before["wf_history"] > 1000, "the fixture holds a realistic demo");

        var clock = new FakeTimeProvider(ReleaseFixture.GeneratedBefore);
        await using var services = new ServiceCollection().AddClockDrivenOrchestrator(fixture.Storage, clock).BuildServiceProvider();
        await DomainServices.MigrateDatabaseAsync(services);
        Assert.Empty(await DomainServices.PendingMigrationsAsync(services));
        await DomainServices.MigrateDatabaseAsync(services); // a second start changes nothing

        foreach (var table in Tables) Assert.True(before[table] == await fixture.CountAsync($"SELECT count(*) FROM {table}"), $"{table} kept every row");

        // Every timer that was waiting fires on its due time, with no incident.
        List<BookmarkRecord> timers;
        await using (var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            timers = await db.Bookmarks.AsNoTracking().Where(b => b.Kind == BookmarkKind.Timer).ToListAsync();
        Assert.NotEmpty(timers);
        var engine = services.GetRequiredService<WorkflowEngine>();
        var outbox = services.GetRequiredService<OutboxDispatcher>();
        var last = timers.Max(t => t.DueAt!.Value);
        while (await engine.NextTimerDueAsync() is { } due && due <= last)
        {
            if (due > clock.GetUtcNow()) clock.SetUtcNow(due);
            await engine.FireDueTimersAsync();
            await outbox.DrainAsync();
        }

        await using (var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            var ids = timers.Select(t => t.Id).ToList();
            Assert.Empty(await db.Bookmarks.Where(b => ids.Contains(b.Id)).Select(b => b.ElementId).ToListAsync());
            Assert.Empty(await db.Incidents.Select(i => i.ElementId + ": " + i.Message).ToListAsync());
            var future = timers.Where(t => t.DueAt > ReleaseFixture.GeneratedBefore).ToList();
            Assert.NotEmpty(future);
            foreach (var timer in future)
                Assert.True(await db.History.AnyAsync(h => h.InstanceId == timer.InstanceId && h.ElementId == timer.ElementId && h.At == timer.DueAt),
                    $"{timer.ElementId} of {timer.InstanceId} fired at {timer.DueAt}");
        }
        await using var scope = services.CreateAsyncScope();
        var domain = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        Assert.True(await domain.Alerts.CountAsync() >= before["alerts"], "alerts are still raised after the upgrade");
    }
}
