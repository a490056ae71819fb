using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Cli.Scenarios;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Cli;

/// <summary>
/// <c>simulate file.bpmn [--scenario name] [--var n=v]... [--policy users-first|timers-first] [--start iso] [--max-steps n] [--horizon P2Y]</c>:
/// runs a definition, and the definitions it calls (found beside it by process id), on a fake clock and prints one
/// JSON line per history event, then a summary listing the incidents and the alerts raised (with their day).
/// <c>--scenario</c> plays a named scenario of the file's <c>.scenarios.json</c> (see <see cref="Scenarios.ScenarioFile"/>).
/// Exit 0 when the instance ends, 1 when it is stuck or hits the step cap, 2 when the file is invalid.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>The <c>simulate</c> command; what it prints goes to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "The BPMN file to run; the definitions it calls are read from the .bpmn files beside it." };
        var variables = CommandLine.Variables();
        var policy = new Option<string>("--policy")
        {
            Description = "users-first: people answer every open task before any timer fires; timers-first: the earliest due timer fires first.",
            DefaultValueFactory = _ => "users-first",
        }.AcceptOnlyFromAmong("users-first", "timers-first");
        var start = CommandLine.DateTime("--start", "When the simulated clock starts (ISO 8601; without an offset, wall-clock time in Europe/Paris); the scenario's start, else now, by default.");
        var maxSteps = CommandLine.AtLeast("--max-steps", 1, 1000, "How many steps at most before the run is declared stuck.");
        var horizon = CommandLine.Duration("--horizon", "timers-first stops when no timer is due within this (so a yearly review cannot run the clock for ever); a scenario's timers fire up to its last day, then within this.", "P2Y");
        var scenario = new Option<string?>("--scenario")
        {
            Description = "Play a named scenario of the .scenarios.json beside the file (answers, messages and handoff answers on their day); " +
                "--policy is then not used. An unknown name lists the scenarios.",
            HelpName = "name",
        };
        var command = new Command("simulate", "Dry-run a definition on a fake clock: one JSON line per entered/completed/cancelled activity, then a summary " +
            "with the incidents. Exit 0 when the instance ends, 1 when it is stuck, hits --max-steps or has an incident, 2 when the file or an option is invalid.")
        {
            file, scenario, variables, policy, start, maxSteps, horizon,
        };
        command.SetAction((parsed, _) =>
        {
            return RunAsync(parsed.GetValue(file)!, parsed.GetValue(scenario), parsed.GetValue(variables)!,
                parsed.GetValue(policy) == "timers-first" ? SimulatePolicy.TimersFirst : SimulatePolicy.UsersFirst,
                parsed.GetValue(start), parsed.GetValue(maxSteps), parsed.GetValue(horizon)!, stdout, stderr);
        });
        return command;
    }

    /// <summary>Runs <c>simulate</c> with <paramref name="args"/> (the words after the command's name); usage errors give exit code 2.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        CommandLine.RunAsync(Create(stdout, stderr), args, stdout, stderr);

    private static async Task<int> RunAsync(string file, string? scenarioName, Dictionary<string, object?> variables, SimulatePolicy policy, DateTimeOffset? startOption,
        int maxSteps, string horizonText, TextWriter stdout, TextWriter stderr)
    {
        Scenario? scenario = null;
        if (scenarioName is not null)
        {
            IReadOnlyList<Scenario> scenarios;
            try { scenarios = ScenarioFile.Load(file); }
            catch (ScenarioException e) { await stderr.WriteLineAsync("simulate: " + e.Message); return 2; }
            scenario = scenarios.FirstOrDefault(s => s.Name == scenarioName);
            if (scenario is null)
            {
                await stderr.WriteLineAsync(scenarios.Count == 0
                    ? $"simulate: {file} has no scenarios ({Path.GetFileName(ScenarioFile.PathFor(file))} not found)"
                    : $"simulate: no scenario '{scenarioName}' in {Path.GetFileName(ScenarioFile.PathFor(file))}; its scenarios: {string.Join(", ", scenarios.Select(s => s.Name))}");
                return 2;
            }
        }
        var start = startOption ?? scenario?.Start ?? DateTimeOffset.UtcNow;
        var horizon = CommandLine.Span(horizonText, start);
        var clock = new SimulationClock(start.ToUniversalTime());
        await using var host = await EngineHost.InMemoryAsync(clock);
        var xml = await DefinitionFile.ReadAsync("simulate", file, host.Get<ActivityCatalog>(), stderr, clock.GetUtcNow());
        if (xml is null) return 2;
        var missing = await CalledDefinitions.DeployAsync(host.Get<DefinitionStore>(), file, xml);
        foreach (var problem in missing) await stderr.WriteLineAsync("simulate: " + problem);
        if (missing.Count > 0) return 2;
        var key = (await host.Get<DefinitionStore>().DeployAsync(xml, "simulation")).Key;
        var run = new SimulationRun(host, clock, policy, maxSteps, stdout, variables, horizon, scenario);
        return await run.ExecuteAsync(key, stderr);
    }
}
