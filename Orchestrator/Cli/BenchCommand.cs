using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Scheduling;
using Quartz;

namespace Orchestrator.Cli;

/// <summary>
/// <c>bench file.bpmn --instances N [--workers W] [--warm-up auto|N] [--quartz-horizon PT1H] [--postgres "Host=…"] [--var n=v]...</c>:
/// starts N instances on a fresh SQLite file (or a fresh database on the given PostgreSQL server) with timers
/// on Quartz's store there, completes every user task, and prints the throughput, the peak memory and what a
/// waiting instance costs in the database and in the host.
/// </summary>
internal static class BenchCommand
{
    public const string Usage = "Measure throughput: bench <file.bpmn> --instances N [--workers W] [--warm-up auto|N] [--quartz-horizon PT1H] [--postgres Host=…] [--var name=value]...";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        CommandLine line;
        int count, workers;
        int? warmUp;
        TimeSpan horizon;
        try
        {
            line = CommandLine.Parse(args, "--instances", "--workers", "--warm-up", "--quartz-horizon", "--postgres");
            count = int.Parse(line.Options.GetValueOrDefault("--instances", "1000"), CultureInfo.InvariantCulture);
            workers = int.Parse(line.Options.GetValueOrDefault("--workers", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
            horizon = line.Duration("--quartz-horizon", DateTimeOffset.UtcNow, new QuartzTimerOptions().Horizon);
            warmUp = line.Options.GetValueOrDefault("--warm-up", "auto") is "auto" ? null : int.Parse(line.Options["--warm-up"], CultureInfo.InvariantCulture);
            if (count < 1 || workers < 1 || warmUp < 0) throw new ArgumentException("--instances and --workers must be at least 1, --warm-up auto or a count.");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            await stderr.WriteLineAsync("bench: " + e.Message);
            await stderr.WriteLineAsync("usage: bench <file.bpmn> --instances N [--workers W] [--warm-up auto|N] [--quartz-horizon PT1H] [--postgres Host=…] [--var name=value]...");
            return 2;
        }
        await using var database = await BenchDatabase.CreateAsync(line.Options.GetValueOrDefault("--postgres"));
        var storage = database.Storage;
        await using var host = await EngineHost.OnStorageAsync(storage, TimeProvider.System,
            s => s.AddQuartzTimers(storage, runHostedServices: false, o => o.Horizon = horizon));
        var xml = await DefinitionFile.ReadAsync("bench", line.File, host.Get<ActivityCatalog>(), stderr);
        if (xml is null) return 2;
        var key = (await host.Get<DefinitionStore>().DeployAsync(xml, "bench")).Key;
        var run = new BenchRun(host, key, line.Variables, workers);
        var (warmUpInstances, warmUpTime) = await run.WarmUpAsync(warmUp);

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var dbBefore = await database.BytesAsync(host);
        var clock = Stopwatch.StartNew();
        await run.StartAsync(count, "bench");
        var startSeconds = clock.Elapsed.TotalSeconds;
        await host.Get<QuartzTimerScheduler>().FlushAsync();
        var heapWaiting = GC.GetTotalMemory(forceFullCollection: true);
        var dbWaiting = await database.BytesAsync(host);
        var triggers = await QuartzTriggerCountAsync(host);

        clock.Restart();
        var completed = await run.CompleteAllTasksAsync();
        var completeSeconds = clock.Elapsed.TotalSeconds;
        await host.Get<QuartzTimerScheduler>().FlushAsync();
        var total = startSeconds + completeSeconds;
        var steps = count + completed;

        await stdout.WriteLineAsync($"definition               {key}");
        await stdout.WriteLineAsync($"instances                {count} started, {completed} user tasks completed, {Ended(host)} ended, {workers} concurrent callers");
        await stdout.WriteLineAsync($"warm-up                  {warmUpInstances} instances in {warmUpTime.TotalSeconds:F1} s{(warmUp is null ? ", until the pace settled" : "")}");
        await stdout.WriteLineAsync($"instances/s              {count / total:F0}   (start to end, persisted on {database.Description})");
        await stdout.WriteLineAsync($"starts/s                 {count / startSeconds:F0}");
        await stdout.WriteLineAsync($"steps/s                  {steps / total:F0}   ({steps} committed steps)");
        await stdout.WriteLineAsync($"quartz triggers          {triggers} while the instances waited (Quartz holds the timers due within {horizon})");
        await stdout.WriteLineAsync($"peak memory              {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB (peak working set)");
        await stdout.WriteLineAsync($"db bytes/waiting inst.   {(dbWaiting - dbBefore) / (double)count:F0}");
        await stdout.WriteLineAsync($"host bytes/waiting inst. {Math.Max(0, heapWaiting - heapBefore) / (double)count:F0}   (managed heap growth while {count} instances wait)");
        var incidents = Incidents(host);
        await stdout.WriteLineAsync($"incidents                {run.Refused.Count} refused steps, {incidents.Count} open incidents");
        foreach (var reason in run.Refused.Concat(incidents).Distinct().Take(10)) await stderr.WriteLineAsync("bench: incident: " + reason);
        return run.Refused.Count + incidents.Count == 0 ? 0 : 1;
    }

    private static List<string> Incidents(EngineHost host)
    {
        using var db = host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContext();
        return db.Incidents.Where(i => i.ResolvedAt == null).Select(i => i.Message).ToList();
    }

    private static async Task<int> QuartzTriggerCountAsync(EngineHost host)
    {
        var scheduler = await host.Get<ISchedulerFactory>().GetScheduler();
        return (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(WorkflowTimerJob.TriggerGroup))).Count;
    }

    private static int Ended(EngineHost host)
    {
        using var db = host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContext();
        return db.Instances.Count(i => i.Status != InstanceStatus.Running && i.BusinessKey != null && i.BusinessKey.StartsWith("bench-"));
    }
}
