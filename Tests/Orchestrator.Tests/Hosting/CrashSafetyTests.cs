using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Hosting;

/// <summary>
/// The host killed with SIGKILL, three times, while professionals complete tasks, answer handoffs (a message to the sending
/// pathway) and DIPC timers fire; each time it is started again on the same data. Whatever the API acknowledged is there,
/// nothing is applied twice, every due timer fires once, and the host comes back ready.
/// </summary>
public static class CrashSafety
{
    private const int Kills = 3;
    private const int Streams = 6;
    private const int PeoplePerStream = 2;
    private static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(60);

    public static async Task KilledHostsLoseNothingAndApplyNothingTwiceAsync(HostDatabase database, ITestOutputHelper output)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var traffic = new PathwayTraffic(database);
        var host = HostProcess.Start("generation 0", database.HostSettings("single"));
        try
        {
            await host.WaitReadyAsync();
            traffic.HostUp(host, 0);
            var running = traffic.RunAsync(Streams, PeoplePerStream);
            for (var generation = 1; generation <= Kills; generation++)
            {
                // Kill while steps are in flight: a few more acknowledged since the last start.
                await traffic.UntilAcknowledgedAsync(traffic.AcknowledgedCount + 8, running);
                traffic.HostDown();
                await host.KillAsync();
                await host.DisposeAsync();
                host = HostProcess.Start($"generation {generation}", database.HostSettings("single"));
                var restart = clock.Elapsed;
                await host.WaitReadyAsync(); // starts cleanly: migrations, definitions, Quartz and the database all ready
                AssertNoStartupError(host);
                traffic.HostUp(host, generation);
                output.WriteLine($"Generation {generation} ready in {clock.Elapsed - restart} ({traffic.AcknowledgedCount} steps acknowledged, {traffic.LostCount} requests lost so far).");
            }
            await running.WaitAsync(SettleDeadline);

            output.WriteLine($"Traffic done at {clock.Elapsed}: {traffic.AcknowledgedCount} steps acknowledged, {traffic.LostCount} requests lost to a kill.");
            Assert.Empty(traffic.Unexpected);
            Assert.True(traffic.LostCount > 0, "No kill caught a request in flight."); // the crash path was exercised
            await SettledAsync(database);
            await AcknowledgedStepsAreThereOnceAsync(database, traffic);
            await NothingIsAppliedTwiceAsync(database);
            await EveryDueTimerFiredOnceAsync(database, traffic);
            output.WriteLine($"Checked at {clock.Elapsed}.");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static void AssertNoStartupError(HostProcess host) =>
        Assert.DoesNotContain(host.Output, line => line.Contains(" ERR]") || line.Contains(" FTL]") || line.StartsWith("stderr:"));

    /// <summary>
    /// Waits until every DIPC timer has fired (or was cancelled by an exit), no other timer is overdue, the engine's outbox is
    /// drained and the domain's is done. It looks again every 100 ms because nothing announces the last of these changes: a
    /// host deletes delivered outbox rows, and marks owed work done, after the live update of the change they made, a timer
    /// becomes overdue by the clock alone, and on SQLite no commit reaches another process at all.
    /// </summary>
    public static async Task SettledAsync(HostDatabase database)
    {
        var deadline = DateTime.UtcNow + SettleDeadline;
        while (true)
        {
            await using var engine = await database.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
            using var scope = database.Services.CreateScope();
            var domain = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var now = DateTimeOffset.UtcNow;
            var timers = await engine.Bookmarks.AsNoTracking().Where(b => b.Kind == BookmarkKind.Timer).Select(b => new { b.ElementId, b.DueAt }).ToListAsync();
            var overdue = timers.Count(t => t.DueAt <= now || t.ElementId == "dipcLate");
            var outbox = await engine.Outbox.CountAsync();
            var owed = await domain.DomainOutbox.CountAsync(e => e.CompletedAt == null);
            if (overdue == 0 && outbox == 0 && owed == 0) return;
            if (DateTime.UtcNow > deadline)
            {
                // What each owed entry went through, so that a failure in CI says whether it waited on a claim, a retry or an error.
                var entries = (await domain.DomainOutbox.AsNoTracking().Where(e => e.CompletedAt == null).ToListAsync())
                    .Select(e => $"{e.Kind} (attempts {e.Attempts}, next {e.NextAttemptAt:O}, claimed until {e.ClaimedUntil:O} by {e.ClaimedBy}, error {e.LastError ?? "none"})");
                Assert.Fail($"Not settled at {DateTimeOffset.UtcNow:O}: {overdue} overdue or DIPC timers, {outbox} engine outbox rows, {owed} domain outbox entries: "
                    + string.Join("; ", entries));
            }
            await Task.Delay(100);
        }
    }

    private static async Task AcknowledgedStepsAreThereOnceAsync(HostDatabase database, PathwayTraffic traffic)
    {
        await using var engine = await database.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        using var scope = database.Services.CreateScope();
        var domain = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        Assert.True(traffic.AcknowledgedCount > Kills * 8);
        foreach (var step in traffic.Acknowledged)
        {
            var episode = await domain.Episodes.AsNoTracking().SingleOrDefaultAsync(e => e.Id == step.EpisodeId);
            Assert.True(episode is not null, $"The acknowledged referral of {step.EpisodeId} is missing.");
            switch (step.Kind)
            {
                case "task":
                    var key = step.EpisodeId.ToString();
                    var task = await engine.Tasks.AsNoTracking().SingleAsync(t => t.BusinessKey == key && t.ElementId == step.Element);
                    Assert.Equal(HumanTaskStatus.Completed, task.Status);
                    Assert.Equal(1, await engine.History.CountAsync(h => h.InstanceId == episode.InstanceId && h.ElementId == step.Element && h.Event == HistoryEvent.Completed));
                    break;
                case "accept":
                    var handoff = await domain.Handoffs.AsNoTracking().SingleAsync(h => h.EpisodeId == step.EpisodeId);
                    Assert.Equal(HandoffState.Accepted, handoff.State);
                    Assert.Single(await domain.Episodes.AsNoTracking().Where(e => e.PersonId == episode.PersonId && e.DeviceType == DeviceType.Act).ToListAsync());
                    Assert.Contains(await domain.Milestones.AsNoTracking().Where(m => m.EpisodeId == step.EpisodeId).Select(m => m.Code).ToListAsync(), c => c == "handoff-accepted");
                    break;
            }
        }
    }

    /// <summary>Over every episode, acknowledged or not: history, alerts, mails, milestones, handoffs and outbox entries, each once.</summary>
    public static async Task NothingIsAppliedTwiceAsync(HostDatabase database)
    {
        await using var engine = await database.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        using var scope = database.Services.CreateScope();
        var domain = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();

        var completions = await engine.History.AsNoTracking().Where(h => h.Event == HistoryEvent.Completed && (h.ElementType == "userTask" || h.ElementId == "dipcLate"))
            .Select(h => new { h.InstanceId, h.ElementId }).ToListAsync();
        Assert.DoesNotContain(completions.GroupBy(c => c), g => g.Count() > 1);
        var alerts = await domain.Alerts.AsNoTracking().Select(a => new { a.Id, a.EpisodeId, a.Type, a.ResolvedByTask }).ToListAsync();
        Assert.DoesNotContain(alerts.GroupBy(a => (a.EpisodeId, a.Type, a.ResolvedByTask)), g => g.Count() > 1);
        var mails = await domain.AlertMails.AsNoTracking().Select(m => m.AlertId).ToListAsync();
        Assert.DoesNotContain(mails.GroupBy(m => m), g => g.Count() > 1);
        Assert.All(alerts, a => Assert.Contains(a.Id, mails)); // every alert's mail was written with it
        var milestones = await domain.Milestones.AsNoTracking().Select(m => new { m.EpisodeId, m.Code }).ToListAsync();
        Assert.DoesNotContain(milestones.GroupBy(m => m), g => g.Count() > 1);
        var handoffs = await domain.Handoffs.AsNoTracking().Select(h => h.EpisodeId).ToListAsync();
        Assert.DoesNotContain(handoffs.GroupBy(h => h), g => g.Count() > 1);
        var owed = await domain.DomainOutbox.AsNoTracking().Select(e => new { e.Kind, e.SubjectId }).ToListAsync();
        Assert.DoesNotContain(owed.GroupBy(e => e), g => g.Count() > 1);
        var actEpisodes = await domain.Episodes.AsNoTracking().Where(e => e.DeviceType == DeviceType.Act).Select(e => e.PersonId).ToListAsync();
        Assert.DoesNotContain(actEpisodes.GroupBy(p => p), g => g.Count() > 1);
    }

    /// <summary>
    /// A person who stays has their DIPC timer fire exactly once (one firing, one alert); a person who left may have left before
    /// it came due, and then it fired at most once, with at most one alert.
    /// </summary>
    public static async Task EveryDueTimerFiredOnceAsync(HostDatabase database, PathwayTraffic traffic)
    {
        await using var engine = await database.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        using var scope = database.Services.CreateScope();
        var domain = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var admitted = traffic.Acknowledged.Where(s => s.Element == "directorDecision").Select(s => s.EpisodeId).ToHashSet();
        Assert.NotEmpty(admitted);
        foreach (var (episodeId, toAct) in traffic.Episodes)
        {
            if (!admitted.Contains(episodeId)) continue;
            var episode = await domain.Episodes.AsNoTracking().SingleAsync(e => e.Id == episodeId);
            var fired = await engine.History.CountAsync(h => h.InstanceId == episode.InstanceId && h.ElementId == "dipcLate" && h.Event == HistoryEvent.Completed);
            var raised = await domain.Alerts.CountAsync(a => a.EpisodeId == episodeId && a.Type == "dipc-late");
            var bookmarks = string.Join(", ", (await engine.Bookmarks.AsNoTracking().Where(b => b.InstanceId == episode.InstanceId).ToListAsync()).Select(b => $"{b.ElementId} {b.Kind} {b.DueAt:O}"));
            var history = string.Join(", ", (await engine.History.AsNoTracking().Where(h => h.InstanceId == episode.InstanceId).OrderBy(h => h.Id).ToListAsync()).Select(h => $"{h.ElementId} {h.Event} {h.At:O}"));
            var what = $"episode {episodeId} (instance {episode.InstanceId}) at {DateTimeOffset.UtcNow:O}: DIPC timer fired {fired} times, « dipc-late » raised {raised} times; bookmarks: {bookmarks}; history: {history}";
            Assert.True(toAct ? fired <= 1 : fired == 1, what);
            Assert.True(fired == raised, what);
        }
    }
}

public sealed class SqliteCrashSafetyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_host_killed_three_times_mid_traffic_on_SQLite_loses_no_acknowledged_step_applies_none_twice_and_fires_each_due_timer_once()
    {
        await using var database = await HostDatabase.SqliteAsync();
        await CrashSafety.KilledHostsLoseNothingAndApplyNothingTwiceAsync(database, output);
    }
}

public sealed class PostgresCrashSafetyTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task A_host_killed_three_times_mid_traffic_on_PostgreSQL_loses_no_acknowledged_step_applies_none_twice_and_fires_each_due_timer_once()
    {
        await using var database = await HostDatabase.PostgresAsync();
        await CrashSafety.KilledHostsLoseNothingAndApplyNothingTwiceAsync(database, output);
    }
}
