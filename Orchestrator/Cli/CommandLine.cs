using System.Text.Json;

namespace Orchestrator.Cli;

/// <summary>The few options the admin commands take: a file, repeated <c>--var name=value</c>, and named options.</summary>
internal sealed class CommandLine
{
    private CommandLine(string file, Dictionary<string, object?> variables, Dictionary<string, string> options)
    {
        File = file;
        Variables = variables;
        Options = options;
    }

    public string File { get; }
    public Dictionary<string, object?> Variables { get; }
    public Dictionary<string, string> Options { get; }

    public static CommandLine Parse(string[] args, params string[] knownOptions)
    {
        string? file = null;
        var variables = new Dictionary<string, object?>();
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--var")
            {
                var pair = Next(args, ref i, arg);
                var equals = pair.IndexOf('=');
                if (equals <= 0) throw new ArgumentException($"--var expects name=value, not '{pair}'.");
                variables[pair[..equals]] = ParseValue(pair[(equals + 1)..]);
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (!knownOptions.Contains(arg)) throw new ArgumentException($"Unknown option {arg}.");
                options[arg] = Next(args, ref i, arg);
            }
            else if (file is null) file = arg;
            else throw new ArgumentException($"Unexpected argument '{arg}'.");
        }
        return new CommandLine(file ?? throw new ArgumentException("A BPMN file is required."), variables, options);
    }

    /// <summary>An ISO 8601 duration option as the time it spans from <paramref name="from"/> (P1M is not a fixed length).</summary>
    public TimeSpan Duration(string option, DateTimeOffset from, TimeSpan fallback)
    {
        if (!Options.TryGetValue(option, out var text)) return fallback;
        if (!Workflows.Timing.IsoDuration.TryParse(text, out var duration))
            throw new ArgumentException($"{option} must be an ISO 8601 duration such as PT1H or P2Y, not '{text}'.");
        return duration.AddTo(from, NodaTime.DateTimeZone.Utc) - from;
    }

    /// <summary>JSON literals (numbers, booleans, objects) keep their type; anything else is text.</summary>
    private static object? ParseValue(string text)
    {
        try { return JsonSerializer.Deserialize<JsonElement>(text); }
        catch (JsonException) { return text; }
    }

    private static string Next(string[] args, ref int i, string option) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{option} needs a value.");
}
