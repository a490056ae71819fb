using System.Text.Json;
using Orchestrator.Cli.Scenarios;
using Orchestrator.Workflows.Definitions;

namespace Orchestrator.Cli;

/// <summary>One line of a dry run: an element entered, completed or cancelled at a simulated time.</summary>
public sealed record DryRunStep(DateTimeOffset Time, string Event, string ElementId, string ElementType);

/// <summary>How a dry run ended, what happened step by step, the alerts raised (with their day) and what went wrong (the lines simulate writes on stderr).</summary>
public sealed record DryRunResult(bool Completed, string Outcome, IReadOnlyList<DryRunStep> Steps, string Errors, IReadOnlyList<SimulatedAlert> Alerts);

/// <summary>
/// The <c>simulate</c> engine for the designer: the draft (and the definitions it calls) on a private
/// in-memory database and a simulated clock, nothing written anywhere.
/// </summary>
public static class DryRun
{
    /// <summary>The scenarios shipped for the definition <paramref name="key"/>: <c>{key}.scenarios.json</c> in <paramref name="definitionsDirectory"/>; none when there is no such file.</summary>
    /// <exception cref="ScenarioException">The file exists but cannot be read as scenarios.</exception>
    public static IReadOnlyList<Scenario> ScenariosFor(string definitionsDirectory, string key) =>
        ScenarioFile.Load(Path.Combine(definitionsDirectory, key + ".bpmn"));

    /// <summary>Runs <paramref name="xml"/> in memory on a simulated clock until it ends, waits for nobody, or reaches <paramref name="maxSteps"/>.</summary>
    /// <param name="xml">The BPMN of the definition to run.</param>
    /// <param name="calledDefinitions">The XML of the definitions it calls; those that do not validate are skipped.</param>
    /// <param name="timersFirst">Fire the earliest due timer before completing any user task; else tasks are completed first.</param>
    /// <param name="start">The simulated clock's start (an instant).</param>
    /// <param name="answers">Values the simulated users give every task; none by default.</param>
    /// <param name="maxSteps">Steps after which the run stops as a probable endless loop.</param>
    /// <param name="scenario">Played instead of the simulated users when given (see <see cref="ScenarioFile"/>); its start replaces <paramref name="start"/> when it has one.</param>
    public static async Task<DryRunResult> RunAsync(string xml, IEnumerable<string> calledDefinitions, bool timersFirst, DateTimeOffset start,
        IReadOnlyDictionary<string, object?>? answers = null, int maxSteps = 500, Scenario? scenario = null)
    {
        var clock = new SimulationClock((scenario?.Start ?? start).ToUniversalTime());
        await using var host = await EngineHost.InMemoryAsync(clock);
        var store = host.Get<DefinitionStore>();
        foreach (var other in calledDefinitions.Where(x => store.Validate(x).Count == 0)) await store.DeployAsync(other, "simulation");
        var key = (await store.DeployAsync(xml, "simulation")).Key;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = new SimulationRun(host, clock, timersFirst ? SimulatePolicy.TimersFirst : SimulatePolicy.UsersFirst, maxSteps, stdout,
            answers ?? new Dictionary<string, object?>(), TimeSpan.FromDays(730), scenario);
        var exit = await run.ExecuteAsync(key, stderr);
        var steps = new List<DryRunStep>();
        var alerts = new List<SimulatedAlert>();
        var outcome = "";
        foreach (var line in stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("summary", out var summary))
            {
                outcome = summary.GetProperty("outcome").GetString() ?? "";
                alerts.AddRange(summary.GetProperty("alerts").EnumerateArray().Select(a => new SimulatedAlert(a.GetProperty("day").GetInt32(),
                    a.GetProperty("riskType").GetString()!, a.GetProperty("severity").GetString()!, a.GetProperty("element").GetString()!,
                    a.GetProperty("at").GetDateTimeOffset())));
                continue;
            }
            steps.Add(new DryRunStep(root.GetProperty("time").GetDateTimeOffset(), root.GetProperty("event").GetString()!,
                root.GetProperty("id").GetString()!, root.GetProperty("type").GetString()!));
        }
        return new DryRunResult(exit == 0, outcome, steps, stderr.ToString(), alerts);
    }
}
