using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Cli.Scenarios;

/// <summary>
/// Reads the scenarios kept beside a definition: <c>lhss.bpmn</c> → <c>lhss.scenarios.json</c>, shaped
/// <c>{"start":"2026-02-02T09:00:00+01:00","scenarios":[{"name","label","variables":{},"tasks":{"taskId":[{"day":1,"values":{}}]},
/// "messages":[{"day","name","correlationKey","payload"}],"handoffs":[{"day","answer"}],"start"}]}</c> (<c>start</c>, in the file or a scenario, is day 0 when the answers hold dates); a handoff answer is <c>accepted</c>, <c>refused</c> or <c>none</c> (never answered, no day needed).
/// </summary>
public static class ScenarioFile
{
    /// <summary>The scenarios file that belongs to <paramref name="bpmnFile"/> (it may not exist).</summary>
    public static string PathFor(string bpmnFile) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(bpmnFile))!, Path.GetFileNameWithoutExtension(bpmnFile) + ".scenarios.json");

    /// <summary>The scenarios of <paramref name="bpmnFile"/>; none when it has no scenarios file.</summary>
    /// <exception cref="ScenarioException">The file is not valid JSON or a scenario is malformed (the message names the scenario and the field).</exception>
    public static IReadOnlyList<Scenario> Load(string bpmnFile)
    {
        var path = PathFor(bpmnFile);
        return File.Exists(path) ? Parse(File.ReadAllText(path), Path.GetFileName(path)) : [];
    }

    /// <summary>Reads scenarios from JSON text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ScenarioException">Malformed JSON or scenario.</exception>
    public static IReadOnlyList<Scenario> Parse(string json, string source)
    {
        JsonNode? root;
        try
        {
            using (var document = JsonDocument.Parse(json))
                if (JsonText.FirstInvalid(document.RootElement) is { } at)
                    throw new ScenarioException($"{source}: {JsonText.NotUnicode(at)}");
            // A key written twice would fail later, as an internal error, wherever the object is read: refused here as the JSON slip it is.
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e) { throw new ScenarioException($"{source}: not valid JSON ({e.Message})"); }
        if (root?["scenarios"] is not JsonArray list) throw new ScenarioException($"{source}: expected an object with a \"scenarios\" array");
        Known((JsonObject)root, source, "start", "scenarios");
        var scenarios = new List<Scenario>();
        var fileStart = Start(root["start"], source);
        foreach (var node in list)
        {
            if (node is not JsonObject item) throw new ScenarioException($"{source}: each scenario is an object");
            var name = Text(item, "name", source, "a scenario");
            var where = $"{source}: scenario '{name}'";
            if (scenarios.Any(s => s.Name == name)) throw new ScenarioException($"{where}: the name is used twice");
            Known(item, where, "name", "label", "variables", "tasks", "messages", "handoffs", "start");
            scenarios.Add(new Scenario(name, item["label"]?.GetValue<string>() ?? name, Values(item["variables"], where + ", variables"),
                Tasks(item["tasks"], where), Messages(item["messages"], where), Handoffs(item["handoffs"], where),
                Start(item["start"], where) ?? fileStart));
        }
        return scenarios;
    }

    private static Dictionary<string, IReadOnlyList<TaskAnswer>> Tasks(JsonNode? node, string where)
    {
        var tasks = new Dictionary<string, IReadOnlyList<TaskAnswer>>();
        if (node is null) return tasks;
        if (node is not JsonObject map) throw new ScenarioException($"{where}: \"tasks\" maps task ids to lists of answers");
        foreach (var (taskId, answers) in map)
        {
            if (answers is not JsonArray array) throw new ScenarioException($"{where}, task '{taskId}': expected a list of answers ({{\"day\", \"values\"}})");
            tasks[taskId] = array.Select((a, i) =>
            {
                var at = $"{where}, task '{taskId}' answer {i + 1}";
                if (a is JsonObject answer) Known(answer, at, "day", "values");
                return new TaskAnswer(Day(a, at), Values(a?["values"], at + ", values"));
            }).ToList();
        }
        return tasks;
    }

    private static List<ScenarioMessage> Messages(JsonNode? node, string where) => Items(node, where, "messages").Select((m, i) =>
    {
        var at = $"{where}, message {i + 1}";
        Known(m, at, "day", "name", "correlationKey", "payload");
        var name = Text(m, "name", at, "a message");
        if (name.StartsWith(Workflows.Runtime.WellKnownMessages.EnginePrefix, StringComparison.Ordinal))
            throw new ScenarioException($"{at}: the name '{name}' starts with '{Workflows.Runtime.WellKnownMessages.EnginePrefix}', which the engine keeps for its own messages");
        return new ScenarioMessage(Day(m, at), name, Key(m["correlationKey"], at), Values(m["payload"], at + ", payload"));
    }).ToList();

    private static List<HandoffAnswer> Handoffs(JsonNode? node, string where) => Items(node, where, "handoffs").Select((h, i) =>
    {
        var at = $"{where}, handoff answer {i + 1}";
        Known(h, at, "day", "answer");
        var answer = Text(h, "answer", at, "a handoff answer");
        if (answer is not ("accepted" or "refused" or HandoffAnswer.None)) throw new ScenarioException($"{at}: answer is 'accepted', 'refused' or 'none', not '{answer}'");
        return new HandoffAnswer(answer == HandoffAnswer.None ? 0 : Day(h, at), answer);
    }).ToList();

    private static IEnumerable<JsonObject> Items(JsonNode? node, string where, string field) => node switch
    {
        null => [],
        JsonArray array when array.All(a => a is JsonObject) => array.Cast<JsonObject>(),
        _ => throw new ScenarioException($"{where}: \"{field}\" is a list of objects"),
    };

    /// <summary>The latest day a scenario may name: a century, as the longest --horizon, so that no date it reaches overflows a calendar.</summary>
    private const int LastDay = 36_500;

    /// <remarks>
    /// Read as <c>--start</c> is: ISO 8601 only, and without an offset the wall-clock time of Europe/Paris, never the machine's
    /// zone (the same file must start at the same instant on every machine).
    /// </remarks>
    private static DateTimeOffset? Start(JsonNode? node, string where) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) && text.Contains('T') && Workflows.Timing.ZonedDates.TryParse(text, Workflows.Timing.TimerRules.Default.Zone, out var start) =>
            // The engine's identifiers are time-ordered from 1970 on, and a century of days must still fit in a calendar.
            start >= DateTimeOffset.UnixEpoch && start.Year < 9900 ? start
                : throw new ScenarioException($"{where}: \"start\" must lie between 1970-01-01 and 9899-12-31, not {text}"),
        _ => throw new ScenarioException($"{where}: \"start\" is an ISO 8601 date-time (2026-02-02T09:00:00+01:00; without an offset, wall-clock time in Europe/Paris)"),
    };

    private static int Day(JsonNode? node, string where) =>
        node?["day"] is JsonValue value && value.TryGetValue<int>(out var day) && day is >= 0 and <= LastDay
            ? day
            : throw new ScenarioException($"{where}: \"day\" is a whole number of days from the start, from 0 to {LastDay} (a century)");

    /// <summary>
    /// Refuses a field the format does not have: a misspelt one (« corelationKey ») would otherwise be dropped, and the message sent
    /// without its key reach any catch waiting without one.
    /// </summary>
    private static void Known(JsonObject node, string where, params string[] fields)
    {
        if (node.Select(p => p.Key).FirstOrDefault(k => !fields.Contains(k)) is { } unknown)
            throw new ScenarioException($"{where}: unknown field \"{unknown}\" (the fields are {string.Join(", ", fields.Select(f => $"\"{f}\""))})");
    }

    /// <summary>A message's correlation key: text, or a number or a boolean written as an expression's key would be (5 → « 5 »); null for none.</summary>
    private static string? Key(JsonNode? node, string where) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        JsonValue v when v.TryGetValue<double>(out var number) => Jint.Runtime.TypeConverter.ToString(number),
        _ => throw new ScenarioException($"{where}: \"correlationKey\" is text, a number or true/false"),
    };

    private static string Text(JsonNode? node, string field, string where, string what) =>
        node?[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new ScenarioException($"{where}: {what} needs a \"{field}\"");

    private static Dictionary<string, object?> Values(JsonNode? node, string where)
    {
        if (node is null) return new();
        if (node is not JsonObject map) throw new ScenarioException($"{where}: expected an object of name → value");
        // Variables, answers and payloads all become variables of the instance: the rule of the names a definition declares.
        if (map.Select(p => p.Key).FirstOrDefault(Workflows.Expressions.ReservedNames.Contains) is { } reserved)
            throw new ScenarioException($"{where}.{reserved}: {CommandLine.ReservedName}");
        return map.ToDictionary(p => p.Key, p => Scalar(p.Value, $"{where}.{p.Key}"));
    }

    private static object? Scalar(JsonNode? node, string where) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new ScenarioException($"{where}: a value is text, a number, true/false or null"),
    };
}

/// <summary>A scenarios file or a scenario that cannot be used; the message names the file, the scenario and the field.</summary>
public sealed class ScenarioException(string message) : Exception(message);
