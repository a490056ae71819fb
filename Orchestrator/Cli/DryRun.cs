using System.Text.Json;
using Orchestrator.Workflows.Definitions;

namespace Orchestrator.Cli;

/// <summary>One line of a dry run: an element entered, completed or cancelled at a simulated time.</summary>
public sealed record DryRunStep(DateTimeOffset Time, string Event, string ElementId, string ElementType);

public sealed record DryRunResult(bool Completed, string Outcome, IReadOnlyList<DryRunStep> Steps, string Errors);

/// <summary>
/// The <c>simulate</c> engine for the designer: the draft (and the definitions it calls) on a private
/// in-memory database and a simulated clock, nothing written anywhere.
/// </summary>
public static class DryRun
{
    public static async Task<DryRunResult> RunAsync(string xml, IEnumerable<string> calledDefinitions, bool timersFirst, DateTimeOffset start,
        IReadOnlyDictionary<string, object?>? answers = null, int maxSteps = 500)
    {
        var clock = new SimulationClock(start);
        await using var host = await EngineHost.InMemoryAsync(clock);
        var store = host.Get<DefinitionStore>();
        foreach (var other in calledDefinitions.Where(x => store.Validate(x).Count == 0)) await store.DeployAsync(other, "simulation");
        var key = (await store.DeployAsync(xml, "simulation")).Key;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = new SimulationRun(host, clock, timersFirst ? SimulatePolicy.TimersFirst : SimulatePolicy.UsersFirst, maxSteps, stdout,
            answers ?? new Dictionary<string, object?>(), TimeSpan.FromDays(730));
        var exit = await run.ExecuteAsync(key, stderr);
        var steps = new List<DryRunStep>();
        var outcome = "";
        foreach (var line in stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("summary", out var summary)) { outcome = summary.GetProperty("outcome").GetString() ?? ""; continue; }
            steps.Add(new DryRunStep(root.GetProperty("time").GetDateTimeOffset(), root.GetProperty("event").GetString()!,
                root.GetProperty("id").GetString()!, root.GetProperty("type").GetString()!));
        }
        return new DryRunResult(exit == 0, outcome, steps, stderr.ToString());
    }
}
