using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Tests.Hosting;

/// <summary>
/// Two host processes on one PostgreSQL database with Quartz's clustered store, as <c>compose.yaml</c> runs them: each timer
/// fires once across both, a node killed mid-run loses nothing (the other takes its timers over), and a change made on one
/// node reaches the live updates of the other.
/// </summary>
public sealed class TwoNodeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [PostgresFact]
    public async Task Two_nodes_fire_each_timer_once_the_survivor_of_a_kill_takes_its_timers_over_and_live_updates_cross_nodes()
    {
        // Timers due five seconds after each admission: some are still to fire when node A is killed, even on a busy machine.
        await using var database = await HostDatabase.PostgresAsync(dipcDeadline: "PT5S");
        await using var a = HostProcess.Start("A", Settings(database, "A"));
        await using var b = HostProcess.Start("B", Settings(database, "B"));
        await Task.WhenAll(a.WaitReadyAsync(), b.WaitReadyAsync()); // started together, both importing the shipped definitions, as compose.yaml starts them
        await UntilAsync(async () => await SchedulerInstancesAsync(database) == 2, "both nodes check in to the Quartz cluster, each under its own id");

        try
        {
            await RunAsync(database, a, b);
        }
        catch
        {
            output.WriteLine("Node A:\n" + string.Join('\n', a.Output.Where(l => !l.Contains(" DBG]"))));
            output.WriteLine("Node B:\n" + string.Join('\n', b.Output.Where(l => !l.Contains(" DBG]"))));
            throw;
        }
    }

    private async Task RunAsync(HostDatabase database, HostProcess a, HostProcess b)
    {
        // A referral on node A reaches the live updates of node B (every screen open on B subscribes to them).
        await SeenAsync(b, l => l.Contains("listens to the other nodes' live updates"), 1, "node B listens");
        await SeenAsync(a, l => l.Contains("listens to the other nodes' live updates"), 1, "node A listens");
        var nodeA = System.Text.RegularExpressions.Regex.Match(a.Output.First(l => l.Contains("listens to the other nodes' live updates")), "Node \"?([0-9a-f]{32})").Groups[1].Value;
        Assert.NotEmpty(nodeA);
        bool FromA(string line) => line.Contains("Live update from node") && line.Contains(nodeA);
        var before = b.Output.Count(FromA);
        var coordinatorOnA = await a.SignedInAsync("coordinator", HostDatabase.Password);
        var referral = await coordinatorOnA.PostAsJsonAsync("/api/episodes", new
        {
            structureId = database.Lhss.Id,
            newPerson = new { pseudonym = "M. L. 1980", birthYear = 1980, lastName = "Leroy", firstName = "Marc" },
            referredBy = "PASS du CHU de Lille", referral = new { type = "Doctor" },
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, referral.StatusCode);
        await SeenAsync(b, FromA, before + 1, "node B hears node A's referral");

        // People admitted on both nodes at once: each admission arms a DIPC timer due two seconds later.
        var onA = new PathwayTraffic(database);
        var onB = new PathwayTraffic(database);
        onA.HostUp(a, 0);
        onB.HostUp(b, 0);
        await Task.WhenAll(onA.RunAsync(streams: 3, people: 2, handoffs: false), onB.RunAsync(streams: 3, people: 2, handoffs: false)).WaitAsync(Deadline);
        Assert.Empty(onA.Unexpected.Concat(onB.Unexpected));

        // Kill node A while timers are still to fire: node B notices it missed its check-ins and fires them.
        var pending = await PendingTimersAsync(database);
        await a.KillAsync();
        output.WriteLine($"Node A killed with {pending} DIPC timers still to fire.");
        Assert.True(pending > 0, "Node A was killed after every timer had fired: nothing was left to take over.");
        await UntilAsync(async () => await SchedulerInstancesAsync(database) == 1, "node B recovers the dead node A's share of the cluster");
        await CrashSafety.SettledAsync(database);
        await b.WaitReadyAsync();

        await CrashSafety.NothingIsAppliedTwiceAsync(database);
        await CrashSafety.EveryDueTimerFiredOnceAsync(database, onA);
        await CrashSafety.EveryDueTimerFiredOnceAsync(database, onB);
        await UntilAsync(async () => await OverdueAlertsAsync(database) >= 12, "both nodes' scans raise « Tâche en retard » for each late DIPC");
        await CrashSafety.NothingIsAppliedTwiceAsync(database);
        Assert.Equal(12, onA.Episodes.Count + onB.Episodes.Count);
    }

    private static Dictionary<string, string> Settings(HostDatabase database, string node)
    {
        var settings = database.HostSettings(node);
        settings["Orchestrator__ClusterCheckinInterval"] = "00:00:02"; // a dead node is taken for dead within about four seconds
        settings["Serilog__MinimumLevel__Override__Orchestrator.Components.Live"] = "Debug"; // the relayed live updates, on the console
        // Both nodes look for late tasks every second, and a task is late a second after its due time: the DIPC of each
        // admitted person raises « Tâche en retard » once, whichever node scans first.
        settings["Orchestrator__OverdueTasks__Grace"] = "00:00:01";
        settings["Orchestrator__OverdueTasks__Period"] = "00:00:01";
        return settings;
    }

    /// <summary>The Quartz scheduler instances checked in to the cluster.</summary>
    private static async Task<long> SchedulerInstancesAsync(HostDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.Storage.QuartzConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM qrtz_scheduler_state", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<int> OverdueAlertsAsync(HostDatabase database)
    {
        using var scope = database.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Alerts.CountAsync(a => a.Type == "task-overdue" && a.ResolvedByTask == "dipcHandover");
    }

    private static async Task<int> PendingTimersAsync(HostDatabase database)
    {
        await using var engine = await database.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await engine.Bookmarks.CountAsync(b => b.Kind == BookmarkKind.Timer && b.ElementId == "dipcLate");
    }

    /// <summary>Waits until <paramref name="node"/> has written <paramref name="count"/> lines matching <paramref name="match"/>.</summary>
    private static async Task SeenAsync(HostProcess node, Func<string, bool> match, int count, string what)
    {
        try
        {
            await node.LinesAsync(match, count).WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting until {what}.");
        }
    }

    /// <summary>
    /// Looks at the database again until <paramref name="condition"/> holds. What it waits for is written by the nodes with no
    /// signal a test can wait on: Quartz's check-ins and its recovery of a dead node (its cluster table, which nothing announces)
    /// and the overdue-task scans (they raise « Tâche en retard » without a live update), so looking again is the only way to see it.
    /// </summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }
}
