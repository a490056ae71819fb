using System.CommandLine;
using System.Diagnostics;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Demo;
using Orchestrator.Domain.Structures;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Cli.Scale;

/// <summary>
/// <c>scale [--people 20000] [--years 1] [--postgres "Host=…"] [--keep DIR] [--screen-samples 30] [--workers N]</c>: the life of a region
/// played through the application layer on a simulated clock, then the screens' queries timed on the database it built.
/// Prints people, episodes, steps, timers fired, alerts, handoffs, wall time and database size, then p50/p95 per screen query.
/// </summary>
internal static class ScaleCommand
{
    /// <summary>The <c>scale</c> command; what it prints goes to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var people = CommandLine.AtLeast("--people", 1, 20_000, "People referred per simulated year, across every device type that runs a pathway.");
        var years = CommandLine.AtLeast("--years", 1, 1, "Simulated years, ending today (5 years of 20,000 people build 100,000 episodes).");
        var postgres = new Option<string?>("--postgres") { Description = "Run on a fresh database of this PostgreSQL server (dropped afterwards) instead of SQLite.", HelpName = "Host=…;Username=…" };
        var keep = new Option<string?>("--keep") { Description = "Write the SQLite files in this folder and keep them (to open the web app on them).", HelpName = "folder" };
        var samples = CommandLine.AtLeast("--screen-samples", 0, 30, "Timed runs of each screen query after the simulation (0: none).");
        var workers = CommandLine.AtLeast("--workers", 1, Environment.ProcessorCount,
            "How many referrals and task answers are sent at once (one per core by default; a person's own steps always one after the other).");
        var seed = CommandLine.AtLeast("--seed", 0, 20261130, "Seed of the random draws: the same seed draws the same people, plans and answers.");
        var definitions = new Option<string>("--definitions")
        {
            Description = "The folder of the shipped definitions and their scenarios.", HelpName = "folder",
            DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "workflow-definitions"),
        };
        var command = new Command("scale", "Play a region's years through the application layer on a simulated clock (referrals, task answers drawn from " +
            "the shipped scenarios, handoffs, alerts, timers), then time the screens' queries on the database it built.")
        {
            people, years, postgres, keep, samples, workers, seed, definitions,
        };
        command.Subcommands.Add(TimersCommand.Create(stdout, stderr));
        command.Subcommands.Add(RoutesCommand.Create(stdout, stderr));
        command.Validators.Add(result =>
        {
            if (result.GetValue(postgres) is not null && result.GetValue(keep) is not null) result.AddError("--keep is for SQLite; it cannot go with --postgres.");
        });
        command.SetAction((parsed, ct) => RunAsync(new ScaleSettings(parsed.GetValue(people), parsed.GetValue(years), parsed.GetValue(postgres),
            parsed.GetValue(keep), parsed.GetValue(samples), parsed.GetValue(workers), parsed.GetValue(seed), parsed.GetValue(definitions)!), stdout, stderr, ct));
        return command;
    }

    /// <summary>Runs <c>scale</c> with <paramref name="args"/> (the words after the command's name); usage errors give exit code 2.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        CommandLine.RunAsync(Create(stdout, stderr), args, stdout, stderr);

    private static async Task<int> RunAsync(ScaleSettings settings, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!Directory.Exists(settings.Definitions))
        {
            await stderr.WriteLineAsync($"scale: no definitions folder at {settings.Definitions}");
            return 2;
        }
        var answers = ScenarioAnswers.Load(settings.Definitions);
        var wall = Stopwatch.StartNew();
        await using var database = await BenchDatabase.CreateAsync(settings.Postgres, settings.Keep);
        var days = settings.Years * 365;
        var today = DateTimeOffset.UtcNow;
        var clock = new SimulationClock(today.AddDays(-days).Date.AddHours(8));
        var faker = new Faker("fr") { Random = new Randomizer(settings.Seed) };
        RegionCounts counts;
        List<Structure> structures;
        await using (var provider = new ServiceCollection().AddClockDrivenOrchestrator(database.Storage, clock).BuildServiceProvider())
        {
            await DomainServices.MigrateDatabaseAsync(provider, ct);
            await provider.GetRequiredService<DefinitionStore>().ImportFolderAsync(settings.Definitions, ct);
            await using (var scope = provider.CreateAsyncScope())
                structures = await DemoDirectory.CreateAsync(scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>(), faker,
                    RegionArrivals.StructuresPerType(settings.People));
            var arrivals = RegionArrivals.Plan(structures, settings.People, settings.Years, clock.GetUtcNow(), faker.Random);
            var simulation = new RegionSimulation(provider, clock, faker, new Randomizer(settings.Seed + 1),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger("scale"), answers, settings.Workers);
            var simulated = Stopwatch.StartNew();
            await simulation.RunAsync(arrivals, days, today, structures, ct);
            counts = simulation.Counts;
            var simulatedSeconds = simulated.Elapsed.TotalSeconds;
            var totals = await RegionTotals.ReadAsync(provider, ct);
            var bytes = await database.BytesAsync(provider);
            await stdout.WriteLineAsync($"region                   {structures.Count} structures ({structures.Count(s => s.Type.RunsPathways())} running pathways) in 2 départements, {settings.Years} simulated year(s) to {today:yyyy-MM-dd}, on {database.Description}");
            await stdout.WriteLineAsync($"people                   {totals.People} referred ({counts.Referrals} referrals), {totals.Episodes} episodes ({totals.Admitted} admitted, {totals.Active} still active)");
            await stdout.WriteLineAsync($"steps                    {counts.Steps} ({counts.Referrals} referrals, {counts.TasksCompleted} tasks completed, {counts.TimersFired} timers fired, {counts.HandoffsAnswered} handoff answers)");
            await stdout.WriteLineAsync($"timers fired             {counts.TimersFired}");
            await stdout.WriteLineAsync($"alerts                   {totals.Alerts} raised ({totals.OpenAlerts} unresolved)");
            await stdout.WriteLineAsync($"handoffs                 {totals.Handoffs} proposed ({totals.HandoffsAccepted} accepted)");
            await stdout.WriteLineAsync($"follow-ups               {totals.FollowUps} post-exit follow-up tasks");
            await stdout.WriteLineAsync($"wall time                {simulatedSeconds:F1} s simulating ({counts.Steps / simulatedSeconds:F0} steps/s), {wall.Elapsed.TotalSeconds:F1} s in all");
            await stdout.WriteLineAsync($"time by phase            {counts.WorkflowEvents} workflow events; {string.Join(", ", counts.Spent.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value.TotalSeconds:F1} s"))}");
            await stdout.WriteLineAsync($"processor time by phase  {string.Join(", ", counts.Cpu.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value.TotalSeconds:F1} s"))} (all cores)");
            await stdout.WriteLineAsync($"database size            {bytes / 1024.0 / 1024.0:F1} MB");
            await stdout.WriteLineAsync($"refused task answers     {counts.TasksRefused}   (the engine refused them and the task stayed open)");
            if (settings.ScreenSamples > 0)
                await ScreenTimings.PrintAsync(provider, settings.ScreenSamples, stdout, ct);
        }
        if (settings.Keep is not null) await stdout.WriteLineAsync($"kept                     {Path.GetFullPath(settings.Keep)}");
        return 0;
    }
}

/// <summary>What <c>scale</c> was asked: people per year, years, database, where to keep it, screen samples, concurrent senders, seed and definitions folder.</summary>
internal sealed record ScaleSettings(int People, int Years, string? Postgres, string? Keep, int ScreenSamples, int Workers, int Seed, string Definitions);
