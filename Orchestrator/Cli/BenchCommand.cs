using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Scheduling;

namespace Orchestrator.Cli;

/// <summary>
/// <c>bench file.bpmn --instances N [--var n=v]...</c>: starts N instances on a fresh SQLite file with
/// timers written to Quartz's SQLite store, completes every user task, and prints the throughput, the
/// peak memory and what a waiting instance costs in the database and in the host.
/// </summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        CommandLine line;
        int count;
        try
        {
            line = CommandLine.Parse(args, "--instances");
            count = int.Parse(line.Options.GetValueOrDefault("--instances", "1000"), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await stderr.WriteLineAsync("bench: " + e.Message);
            await stderr.WriteLineAsync("usage: bench <file.bpmn> --instances N [--var name=value]...");
            return 2;
        }
        var directory = Path.Combine(Path.GetTempPath(), "orchestrator-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var storage = WorkflowStorage.SqliteFiles(Path.Combine(directory, "bench.db"), Path.Combine(directory, "quartz.db"));
        try
        {
            await using var host = await EngineHost.OnFilesAsync(storage, TimeProvider.System, s => s.AddQuartzTimers(storage, runHostedServices: false));
            var xml = await DefinitionFile.ReadAsync("bench", line.File, host.Get<ActivityCatalog>(), stderr);
            if (xml is null) return 2;
            var key = (await host.Get<DefinitionStore>().DeployAsync(xml, "bench")).Key;
            var engine = host.Get<WorkflowEngine>();
            await RunInstancesAsync(host, engine, key, line.Variables, 20); // JIT and pools warm before measuring

            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var dbBefore = await DatabaseBytesAsync(host, storage);
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), Workers(), async (i, ct) =>
                await engine.StartAsync(key, line.Variables, businessKey: $"bench-{i}", ct: ct));
            var startSeconds = clock.Elapsed.TotalSeconds;
            await FlushTimersAsync(host);
            var heapWaiting = GC.GetTotalMemory(forceFullCollection: true);
            var dbWaiting = await DatabaseBytesAsync(host, storage);

            clock.Restart();
            var completed = await CompleteAllTasksAsync(host, engine);
            var completeSeconds = clock.Elapsed.TotalSeconds;
            await FlushTimersAsync(host);
            var total = startSeconds + completeSeconds;
            var steps = count + completed;

            await stdout.WriteLineAsync($"definition               {key}");
            await stdout.WriteLineAsync($"instances                {count} started, {completed} user tasks completed, {Ended(host)} ended");
            await stdout.WriteLineAsync($"instances/s              {count / total:F0}   (start to end, persisted on SQLite, timers on Quartz)");
            await stdout.WriteLineAsync($"starts/s                 {count / startSeconds:F0}");
            await stdout.WriteLineAsync($"steps/s                  {steps / total:F0}   ({steps} committed steps)");
            await stdout.WriteLineAsync($"peak memory              {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB (peak working set)");
            await stdout.WriteLineAsync($"db bytes/waiting inst.   {(dbWaiting - dbBefore) / (double)count:F0}");
            await stdout.WriteLineAsync($"host bytes/waiting inst. {Math.Max(0, heapWaiting - heapBefore) / (double)count:F0}   (managed heap growth while {count} instances wait)");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task FlushTimersAsync(EngineHost host)
    {
        if (host.Services.GetService<QuartzTimerScheduler>() is { } quartz) await quartz.FlushAsync();
    }

    private static ParallelOptions Workers() => new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    private static async Task RunInstancesAsync(EngineHost host, WorkflowEngine engine, string key, IReadOnlyDictionary<string, object?> variables, int count)
    {
        for (var i = 0; i < count; i++) await engine.StartAsync(key, variables, businessKey: "warm-up");
        await CompleteAllTasksAsync(host, engine);
    }

    private static async Task<int> CompleteAllTasksAsync(EngineHost host, WorkflowEngine engine)
    {
        var completed = 0;
        while (true)
        {
            List<(Guid Id, string Fields)> open;
            await using (var db = await host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
                open = (await db.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open).Select(t => new { t.Id, t.Fields }).ToListAsync())
                    .Select(t => (t.Id, t.Fields)).ToList();
            if (open.Count == 0) return completed;
            await Parallel.ForEachAsync(open, Workers(), async (task, ct) =>
                await engine.CompleteTaskAsync(task.Id, TaskAutoFill.ValuesFor(task.Fields, DateTimeOffset.UtcNow), "bench", ct));
            completed += open.Count;
        }
    }

    private static int Ended(EngineHost host)
    {
        using var db = host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContext();
        return db.Instances.Count(i => i.Status != InstanceStatus.Running && i.BusinessKey != "warm-up");
    }

    /// <summary>The database file's size once the write-ahead log is folded back into it.</summary>
    private static async Task<long> DatabaseBytesAsync(EngineHost host, WorkflowStorage storage)
    {
        await using var db = await host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        var file = new SqliteConnectionStringBuilder(storage.ConnectionString).DataSource;
        return new FileInfo(file).Length;
    }
}
