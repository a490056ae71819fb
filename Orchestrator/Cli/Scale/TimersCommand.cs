using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Scheduling;
using Quartz;

namespace Orchestrator.Cli.Scale;

/// <summary>
/// <c>scale timers [--pending 100000] [--due 3000] [--window 60] [--quartz-horizon PT1H] [--postgres "Host=…"]</c>: instances
/// waiting on timers, most of them a month away (in the database only, beyond the Quartz horizon), then a burst due within
/// one minute, on Quartz as the host runs it (its persistent store, its thread pool, the horizon reconciler). Measures, on the
/// real clock, how late each timer of the burst fires (p50, p99, max) and the working set with every instance waiting.
/// </summary>
internal static class TimersCommand
{
    /// <summary>A start, one timer catch event due at <c>${due}</c>, an end: the timer is all there is to measure.</summary>
    internal const string Definition = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_timers" targetNamespace="urn:orchestrator:bench">
          <bpmn:process id="bench-timer" name="Échéance (banc d'essai)" isExecutable="true">
            <bpmn:startEvent id="armed" />
            <bpmn:intermediateCatchEvent id="wait" name="Échéance">
              <bpmn:timerEventDefinition><bpmn:timeDate>${due}</bpmn:timeDate></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="done" />
            <bpmn:sequenceFlow id="toWait" sourceRef="armed" targetRef="wait" />
            <bpmn:sequenceFlow id="toDone" sourceRef="wait" targetRef="done" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string BurstPrefix = "burst-";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var pending = CommandLine.AtLeast("--pending", 1, 100_000, "Instances waiting on a timer in all (the burst included).");
        var due = CommandLine.AtLeast("--due", 1, 3_000, "Timers of the burst, due within one window; the others are a month away.");
        var window = CommandLine.AtLeast("--window", 1, 60, "Seconds over which the burst falls due, evenly spread.");
        var workers = CommandLine.AtLeast("--workers", 1, Environment.ProcessorCount, "How many callers start instances at once.");
        var horizon = CommandLine.Duration("--quartz-horizon", "How far ahead Quartz holds timers (Orchestrator:QuartzHorizon).",
            System.Xml.XmlConvert.ToString(new QuartzTimerOptions().Horizon));
        var postgres = new Option<string?>("--postgres") { Description = "Run on a fresh database of this PostgreSQL server (dropped afterwards) instead of SQLite.", HelpName = "Host=…;Username=…" };
        var command = new Command("timers", "Timers at scale: lateness of a burst of timers due in the same minute while many more wait, on Quartz with the " +
            "host's horizon, and the working set with every instance waiting. Runs on the real clock for about the window and a minute more.")
        {
            pending, due, window, workers, horizon, postgres,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(due) > result.GetValue(pending)) result.AddError("--due cannot exceed --pending.");
        });
        command.SetAction((parsed, ct) => RunAsync(parsed.GetValue(pending), parsed.GetValue(due), parsed.GetValue(window), parsed.GetValue(workers),
            CommandLine.Span(parsed.GetValue(horizon)!, DateTimeOffset.UtcNow), parsed.GetValue(postgres), stdout, ct));
        return command;
    }

    private static async Task<int> RunAsync(int pending, int due, int window, int workers, TimeSpan horizon, string? postgres, TextWriter stdout,
        CancellationToken ct)
    {
        await using var database = await BenchDatabase.CreateAsync(postgres);
        var storage = database.Storage;
        await using var host = await EngineHost.OnStorageAsync(storage, TimeProvider.System,
            s => s.AddSingleton<IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>()
                .AddQuartzTimers(storage, runHostedServices: true, o =>
                {
                    o.Horizon = horizon;
                    if (o.ReconcilePeriod * 2 > horizon) o.ReconcilePeriod = horizon / 2;
                }));
        await host.Get<DefinitionStore>().DeployAsync(Definition, "bench", ct);
        var hosted = host.Services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted) await service.StartAsync(ct);
        ((Microsoft.Extensions.Hosting.Internal.ApplicationLifetime)host.Get<IHostApplicationLifetime>()).NotifyStarted();
        try
        {
            var engine = host.Get<WorkflowEngine>();
            var options = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct };
            var created = Stopwatch.StartNew();
            await ArmFarAsync(engine, pending - due, workers, "far-", ct);
            var farRate = (pending - due) / Math.Max(created.Elapsed.TotalSeconds, 0.001);
            // The burst starts once every one of its timers is armed, with room to spare at the pace just measured.
            var windowStart = DateTimeOffset.UtcNow.AddSeconds(10 + 2 * due / Math.Max(farRate, 1));
            var burstCreated = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, due), options, async (i, token) =>
            {
                var at = windowStart.AddMilliseconds(i * window * 1000.0 / due);
                await engine.StartAsync("bench-timer", Due(at), businessKey: BurstPrefix + at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), ct: token);
            });
            var createSeconds = created.Elapsed.TotalSeconds;
            await host.Get<QuartzTimerScheduler>().FlushAsync();
            var triggers = await TriggerCountAsync(host);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var workingSet = Process.GetCurrentProcess().WorkingSet64;
            var managed = GC.GetTotalMemory(forceFullCollection: true);
            var armedBefore = windowStart - DateTimeOffset.UtcNow;

            await stdout.WriteLineAsync($"pending timers           {pending} instances waiting ({pending - due} a month away, {due} due within {window} s), on {database.Description}");
            await stdout.WriteLineAsync($"created                  in {createSeconds:F1} s ({pending / createSeconds:F0} starts/s); the burst armed {armedBefore.TotalSeconds:F1} s before its first timer");
            await stdout.WriteLineAsync($"quartz triggers          {triggers} (Quartz holds the timers due within {horizon})");
            await stdout.WriteLineAsync($"host memory              {workingSet / 1024.0 / 1024.0:F0} MB working set with {pending} waiting instances ({managed / 1024.0 / 1024.0:F0} MB managed heap)");

            var deadline = windowStart.AddSeconds(window + 120);
            List<double> lateness;
            while (true)
            {
                lateness = await LatenessAsync(host, ct);
                if (lateness.Count >= due || DateTimeOffset.UtcNow > deadline) break;
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
            lateness.Sort();
            await stdout.WriteLineAsync($"timers fired             {lateness.Count} of {due} within {window} s + 120 s");
            await stdout.WriteLineAsync($"lateness                 p50 {ScreenTimings.Percentile(lateness, 0.50):F0} ms, p99 {ScreenTimings.Percentile(lateness, 0.99):F0} ms, " +
                $"max {(lateness.Count > 0 ? lateness[^1] : 0):F0} ms (fired minus due)");
            return lateness.Count == due ? 0 : 1;
        }
        finally
        {
            foreach (var service in Enumerable.Reverse(hosted)) await service.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Starts <paramref name="count"/> instances of <see cref="Definition"/> (deployed) due a month from now, spread over a day: beyond
    /// the Quartz horizon, so the reconciler's pass reads the horizon, not them. Business keys are <paramref name="keyPrefix"/> and a number.
    /// </summary>
    internal static Task ArmFarAsync(WorkflowEngine engine, int count, int workers, string keyPrefix, CancellationToken ct)
    {
        var far = DateTimeOffset.UtcNow.AddDays(30);
        return Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct },
            async (i, token) => await engine.StartAsync("bench-timer", Due(far.AddSeconds(i % 86_400)), businessKey: keyPrefix + i, ct: token));
    }

    private static Dictionary<string, object?> Due(DateTimeOffset at) => new() { ["due"] = at.ToString("O", CultureInfo.InvariantCulture) };

    /// <summary>For each burst timer fired so far, how late it fired in ms: when its catch event completed minus when it was due.</summary>
    private static async Task<List<double>> LatenessAsync(EngineHost host, CancellationToken ct)
    {
        await using var db = await host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync(ct);
        var fired = await db.History.AsNoTracking().Where(h => h.ElementId == "wait" && h.Event == HistoryEvent.Completed)
            .Join(db.Instances.Where(i => i.BusinessKey!.StartsWith(BurstPrefix)), h => h.InstanceId, i => i.Id, (h, i) => new { h.At, i.BusinessKey })
            .ToListAsync(ct);
        return fired.Select(f => (f.At - DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(f.BusinessKey![BurstPrefix.Length..], CultureInfo.InvariantCulture)))
            .TotalMilliseconds).ToList();
    }

    private static async Task<int> TriggerCountAsync(EngineHost host)
    {
        var scheduler = await host.Get<ISchedulerFactory>().GetScheduler();
        return (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(WorkflowTimerJob.TriggerGroup))).Count;
    }
}
