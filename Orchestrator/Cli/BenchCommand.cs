using System.CommandLine;
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
    /// <summary>The <c>bench</c> command; what it prints goes to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "The BPMN file whose instances are measured." };
        var instances = CommandLine.AtLeast("--instances", 1, 1000, "How many instances to start and complete.");
        var workers = CommandLine.AtLeast("--workers", 1, Environment.ProcessorCount, "How many callers start and complete instances at once (one per core by default).");
        var warmUp = new Option<string>("--warm-up")
        {
            Description = "auto: warm up until the pace stops improving; a number: that many instances first.",
            HelpName = "auto|N",
            DefaultValueFactory = _ => "auto",
        };
        warmUp.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } text && text != "auto" && !(int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n >= 0))
                result.AddError($"--warm-up must be auto or a count, not '{text}'.");
        });
        var horizon = CommandLine.Duration("--quartz-horizon", "How far ahead Quartz holds timers (P30D puts every timer in).",
            System.Xml.XmlConvert.ToString(new QuartzTimerOptions().Horizon));
        var postgres = new Option<string?>("--postgres") { Description = "Run on a fresh database of this PostgreSQL server (dropped afterwards) instead of SQLite.", HelpName = "Host=…;Username=…" };
        var variables = CommandLine.Variables();
        var command = new Command("bench", "Measure throughput and footprint: N instances on a fresh SQLite file (or PostgreSQL database), timers on Quartz's " +
            "store there, every user task completed. Exit 1 when a step was refused or an incident is open, 2 when the file or an option is invalid.")
        {
            file, instances, workers, warmUp, horizon, postgres, variables,
        };
        command.SetAction((parsed, _) => RunAsync(parsed.GetValue(file)!, parsed.GetValue(instances), parsed.GetValue(workers),
            parsed.GetValue(warmUp) is "auto" or null ? null : int.Parse(parsed.GetValue(warmUp)!, CultureInfo.InvariantCulture),
            CommandLine.Span(parsed.GetValue(horizon)!, DateTimeOffset.UtcNow), parsed.GetValue(postgres), parsed.GetValue(variables)!, stdout, stderr));
        return command;
    }

    /// <summary>Runs <c>bench</c> with <paramref name="args"/> (the words after the command's name); usage errors give exit code 2.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        CommandLine.RunAsync(Create(stdout, stderr), args, stdout, stderr);

    private static async Task<int> RunAsync(string file, int count, int workers, int? warmUp, TimeSpan horizon, string? postgres,
        Dictionary<string, object?> variables, TextWriter stdout, TextWriter stderr)
    {
        await using var database = await BenchDatabase.CreateAsync(postgres);
        var storage = database.Storage;
        await using var host = await EngineHost.OnStorageAsync(storage, TimeProvider.System,
            s => s.AddQuartzTimers(storage, runHostedServices: false, o => o.Horizon = horizon));
        var xml = await DefinitionFile.ReadAsync("bench", file, host.Get<ActivityCatalog>(), stderr);
        if (xml is null) return 2;
        var key = (await host.Get<DefinitionStore>().DeployAsync(xml, "bench")).Key;
        var run = new BenchRun(host, key, variables, workers);
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
