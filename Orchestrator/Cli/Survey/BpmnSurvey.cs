using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Validation;

namespace Orchestrator.Cli.Survey;

/// <summary>
/// Runs one public BPMN file the way <c>survey</c> judges it: the validator first; then <c>simulate</c> under both
/// policies (default answers, no variables); when the file fails only on another engine's expressions, a second try
/// with them set aside (<see cref="ExpressionsAside"/>). A file runs when both policies reach an end.
/// </summary>
internal sealed class BpmnSurvey(DateTimeOffset start, int maxSteps, TimeSpan horizon)
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>The units of <paramref name="file"/>: the file itself, or with <paramref name="allProcesses"/> each process that has a start event, run alone.</summary>
    public async Task<List<SurveyEntry>> SurveyFileAsync(string file, string unitName, bool allProcesses)
    {
        var xml = await File.ReadAllTextAsync(file);
        XDocument document;
        try
        {
            document = Workflows.Parsing.BpmnXml.Parse(xml, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            // Counted as executable: nothing shows it is not, and an engine refuses to deploy it, so it is a failure in the totals.
            return [new SurveyEntry(unitName, true, false, false, [], [], FailureKind.Refused, ["the file is not well-formed XML: " + e.Message])];
        }
        var processes = document.Root?.Elements(Bpmn + "process").ToList() ?? [];
        if (!allProcesses || processes.Count(p => p.Descendants(Bpmn + "startEvent").Any()) <= 1 && processes.All(p => !Workflows.Parsing.XsdBoolean.IsFalse((string?)p.Attribute("isExecutable"))))
            return [await SurveyUnitAsync(file, unitName, xml, document)];
        var entries = new List<SurveyEntry>();
        foreach (var process in processes.Where(p => p.Elements(Bpmn + "startEvent").Any()))
        {
            var id = (string?)process.Attribute("id") ?? "?";
            var alone = new XDocument(document);
            foreach (var other in alone.Root!.Elements(Bpmn + "process"))
                other.SetAttributeValue("isExecutable", (string?)other.Attribute("id") == id ? "true" : "false");
            var text = alone.Declaration + alone.ToString(SaveOptions.DisableFormatting);
            entries.Add(await SurveyUnitAsync(file, $"{unitName}#{id}", text, Workflows.Parsing.BpmnXml.Parse(text, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace)));
        }
        return entries.Count > 0 ? entries : [await SurveyUnitAsync(file, unitName, xml, document)];
    }

    private async Task<SurveyEntry> SurveyUnitAsync(string file, string unit, string xml, XDocument document)
    {
        try
        {
            var problems = await ValidateAsync(xml);
            var kinds = problems.Select(p => ProblemKinds.Of(p, document)).ToList();
            var deciding = ProblemKinds.Deciding(kinds);
            if (deciding == FailureKind.NotExecutable) return new SurveyEntry(unit, false, false, false, [], [], deciding, Lines(problems));
            List<SurveyRun> runs = [];
            if (problems.Count == 0)
            {
                runs = await RunBothAsync(file, xml, aside: false);
                if (runs.All(r => r.Ended)) return new SurveyEntry(unit, true, true, false, [], runs, FailureKind.None, []);
            }
            else if (deciding != FailureKind.ExpressionDialect)
                return new SurveyEntry(unit, true, false, false, [], [], deciding, Lines(problems.Where((_, i) => kinds[i] != FailureKind.ExpressionDialect)));
            // Refused for expressions only, or accepted but not ending: try again with the expressions set aside.
            var aside = new XDocument(document);
            var setAside = ExpressionsAside.Rewrite(aside);
            var asideXml = aside.Declaration + aside.ToString(SaveOptions.DisableFormatting);
            if (setAside.Count == 0)
                return new SurveyEntry(unit, true, problems.Count == 0, false, [], runs, problems.Count == 0 ? RunFailure(runs) : deciding,
                    problems.Count == 0 ? RunReasons(runs) : Lines(problems));
            var asideProblems = await ValidateAsync(asideXml);
            if (asideProblems.Count > 0)
            {
                var asideDoc = Workflows.Parsing.BpmnXml.Parse(asideXml, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
                return new SurveyEntry(unit, true, problems.Count == 0, false, setAside, runs,
                    ProblemKinds.Deciding(asideProblems.Select(p => ProblemKinds.Of(p, asideDoc))) is var k && k != FailureKind.None ? k : FailureKind.Refused,
                    Lines(asideProblems));
            }
            var asideRuns = await RunBothAsync(file, asideXml, aside: true);
            var failure = asideRuns.All(r => r.Ended) ? FailureKind.None : RunFailure(asideRuns);
            return new SurveyEntry(unit, true, problems.Count == 0, true, setAside, asideRuns, failure,
                failure == FailureKind.None ? [] : RunReasons(asideRuns).Concat(problems.Count == 0 ? RunReasons(runs) : Lines(problems)).Distinct().ToList());
        }
        catch (Exception e)
        {
            // A measurement, not a service: an exception here is a finding (the engine should have refused or reported).
            return new SurveyEntry(unit, true, false, false, [], [], FailureKind.Crash, [$"{e.GetType().Name}: {e.Message}"]);
        }
    }

    private async Task<IReadOnlyList<BpmnProblem>> ValidateAsync(string xml)
    {
        var clock = new SimulationClock(start.ToUniversalTime());
        await using var host = await EngineHost.InMemoryAsync(clock);
        return host.Get<DefinitionStore>().Validate(xml);
    }

    private async Task<List<SurveyRun>> RunBothAsync(string file, string xml, bool aside) =>
    [
        await RunAsync(file, xml, SimulatePolicy.UsersFirst, aside),
        await RunAsync(file, xml, SimulatePolicy.TimersFirst, aside),
    ];

    private async Task<SurveyRun> RunAsync(string file, string xml, SimulatePolicy policy, bool aside)
    {
        var name = policy == SimulatePolicy.UsersFirst ? "users-first" : "timers-first";
        var clock = new SimulationClock(start.ToUniversalTime());
        await using var host = await EngineHost.InMemoryAsync(clock);
        var store = host.Get<DefinitionStore>();
        var missing = await CalledDefinitions.DeployAsync(store, file, xml, aside ? SetAside : null);
        if (missing.Count > 0) return new SurveyRun(name, "refused", [], missing);
        var key = (await store.DeployAsync(xml, "survey")).Key;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        await new SimulationRun(host, clock, policy, maxSteps, stdout, new Dictionary<string, object?>(), horizon).ExecuteAsync(key, stderr);
        var ends = new List<string>();
        var outcome = "unknown";
        var incidents = new List<string>();
        foreach (var line in stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("summary", out var summary))
            {
                outcome = summary.GetProperty("outcome").GetString() ?? "unknown";
                incidents.AddRange(summary.GetProperty("incidents").EnumerateArray().Select(i => i.GetString() ?? ""));
            }
            else if (root.GetProperty("event").GetString() == "completed" && root.GetProperty("type").GetString() == "endEvent")
                ends.Add(root.GetProperty("id").GetString()!);
        }
        if (outcome == "stuck" && incidents.Count == 0)
            incidents.Add("stuck: " + string.Join(" ", stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => l.Replace("simulate: stuck: ", "", StringComparison.Ordinal).Replace("simulate: ", "", StringComparison.Ordinal))));
        if (outcome == "step-limit") incidents.Add($"stopped after {maxSteps} steps");
        return new SurveyRun(name, outcome, ends, incidents);
    }

    private static string SetAside(string calledXml)
    {
        var document = Workflows.Parsing.BpmnXml.Parse(calledXml, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        ExpressionsAside.Rewrite(document);
        return document.Declaration + document.ToString(SaveOptions.DisableFormatting);
    }

    private static FailureKind RunFailure(IEnumerable<SurveyRun> runs) =>
        runs.Any(r => r.Outcome is "failed" or "refused" || (!r.Ended && r.Incidents.Any(i => !i.StartsWith("stuck", StringComparison.Ordinal) && !i.StartsWith("stopped", StringComparison.Ordinal))))
            ? FailureKind.Incident : FailureKind.Stuck;

    private static List<string> RunReasons(IEnumerable<SurveyRun> runs) =>
        runs.Where(r => !r.Ended).SelectMany(r => r.Incidents.Select(i => $"{r.Policy}: {r.Outcome}: {i}")).DefaultIfEmpty("the run did not end").ToList();

    private static List<string> Lines(IEnumerable<BpmnProblem> problems) => problems.Select(p => p.ToString()).ToList();
}
