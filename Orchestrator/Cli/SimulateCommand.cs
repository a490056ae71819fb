using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Cli;

/// <summary>
/// <c>simulate file.bpmn [--var n=v]... [--policy users-first|timers-first] [--start iso] [--max-steps n] [--horizon P2Y]</c>:
/// runs a definition, and the definitions it calls (found beside it by process id), on a fake clock and prints one
/// JSON line per history event, then a summary listing the incidents.
/// Exit 0 when the instance ends, 1 when it is stuck or hits the step cap, 2 when the file is invalid.
/// </summary>
internal static class SimulateCommand
{
    public const string Usage = "Dry-run a definition on a fake clock: simulate <file.bpmn> [--var name=value]... [--policy users-first|timers-first] " +
        "[--start 2026-01-05T09:00:00+01:00] [--max-steps 1000] [--horizon P2Y]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        CommandLine line;
        SimulatePolicy policy;
        DateTimeOffset start;
        int maxSteps;
        TimeSpan horizon;
        try
        {
            line = CommandLine.Parse(args, "--policy", "--start", "--max-steps", "--horizon");
            policy = line.Options.GetValueOrDefault("--policy", "users-first") switch
            {
                "users-first" => SimulatePolicy.UsersFirst,
                "timers-first" => SimulatePolicy.TimersFirst,
                var other => throw new ArgumentException($"--policy must be users-first or timers-first, not '{other}'."),
            };
            start = line.Options.TryGetValue("--start", out var s) ? DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : DateTimeOffset.UtcNow;
            horizon = line.Duration("--horizon", start, TimeSpan.FromDays(730));
            maxSteps = line.Options.TryGetValue("--max-steps", out var m) ? int.Parse(m, System.Globalization.CultureInfo.InvariantCulture) : 1000;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            await stderr.WriteLineAsync("simulate: " + e.Message);
            await stderr.WriteLineAsync("usage: simulate <file.bpmn> [--var name=value]... [--policy users-first|timers-first] [--start 2026-01-05T09:00:00+01:00] [--max-steps 1000] [--horizon P2Y]");
            return 2;
        }
        var clock = new SimulationClock(start.ToUniversalTime());
        await using var host = await EngineHost.InMemoryAsync(clock);
        var xml = await DefinitionFile.ReadAsync("simulate", line.File, host.Get<ActivityCatalog>(), stderr, clock.GetUtcNow());
        if (xml is null) return 2;
        var missing = await CalledDefinitions.DeployAsync(host.Get<DefinitionStore>(), line.File, xml);
        foreach (var problem in missing) await stderr.WriteLineAsync("simulate: " + problem);
        if (missing.Count > 0) return 2;
        var key = (await host.Get<DefinitionStore>().DeployAsync(xml, "simulation")).Key;
        var run = new SimulationRun(host, clock, policy, maxSteps, stdout, line.Variables, horizon);
        return await run.ExecuteAsync(key, stderr);
    }
}
