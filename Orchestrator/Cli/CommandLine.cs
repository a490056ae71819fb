using System.CommandLine;
using System.Text.Json;

namespace Orchestrator.Cli;

/// <summary>The options the admin commands share, and how a command's arguments are run with the usage errors they deserve.</summary>
internal static class CommandLine
{
    /// <summary>
    /// Repeated <c>--var name=value</c>: the instance's start variables. JSON literals (numbers, booleans, objects) keep their
    /// type; anything else is text.
    /// </summary>
    public static Option<Dictionary<string, object?>> Variables() => new("--var")
    {
        Description = "A start variable, as name=value (repeat for several); JSON literals keep their type.",
        HelpName = "name=value",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => new Dictionary<string, object?>(),
        CustomParser = result =>
        {
            var variables = new Dictionary<string, object?>();
            foreach (var token in result.Tokens)
            {
                var equals = token.Value.IndexOf('=');
                if (equals <= 0)
                {
                    result.AddError($"--var expects name=value, not '{token.Value}'.");
                    continue;
                }
                if (Workflows.Expressions.ReservedNames.Contains(token.Value[..equals]))
                {
                    result.AddError($"--var {token.Value[..equals]}: {ReservedName}.");
                    continue;
                }
                var value = ParseValue(token.Value[(equals + 1)..]);
                if (value is TooDeep)
                {
                    result.AddError($"--var {token.Value[..equals]}: JSON nested deeper than {MaxJsonDepth} levels.");
                    continue;
                }
                if (value is JsonElement json && JsonText.FirstInvalid(json) is { } at)
                {
                    result.AddError($"--var {token.Value[..equals]}: {JsonText.NotUnicode(at)}.");
                    continue;
                }
                variables[token.Value[..equals]] = value;
            }
            return variables;
        },
    };

    /// <summary>
    /// An ISO 8601 date-time option (<c>--start</c>): with an offset, that instant; without one, wall-clock time in Europe/Paris,
    /// as a timer date without offset is read, never the machine's own zone; not before 1970-01-01T00:00:00Z. Anything else is a usage
    /// error naming the option.
    /// </summary>
    public static Option<DateTimeOffset?> DateTime(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "2026-01-05T09:00:00+01:00",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (Workflows.Timing.ZonedDates.TryParse(text, Workflows.Timing.TimerRules.Default.Zone, out var date))
            {
                // The engine's identifiers are time-ordered from the Unix epoch (UUID version 7): a run's clock starts there at the earliest.
                if (date >= DateTimeOffset.UnixEpoch) return date;
                result.AddError($"{name} must be on or after 1970-01-01T00:00:00Z, not '{text}'.");
                return null;
            }
            result.AddError($"{name} must be an ISO 8601 date-time such as 2026-01-05T09:00:00+01:00 (without an offset: wall-clock time in Europe/Paris), not '{text}'.");
            return null;
        },
    };

    /// <summary>An ISO 8601 duration option (<c>PT1H</c>, <c>P2Y</c>), refused at parse time when it is not one.</summary>
    public static Option<string> Duration(string name, string description, string defaultValue)
    {
        var option = new Option<string>(name) { Description = description, HelpName = "ISO 8601 duration", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is not { } text) return;
            if (!Workflows.Timing.IsoDuration.TryParse(text, out var duration))
                result.AddError($"{name} must be an ISO 8601 duration such as PT1H or P2Y, not '{text}'.");
            // A run's clock never needs to go further; longer would only reach dates no calendar holds.
            else if (!duration.NeverLongerThan(LongestDuration, NodaTime.DateTimeZone.Utc))
                result.AddError($"{name} must be at most {LongestDuration} ({LongestDuration.Years} years), not '{text}'.");
        });
        return option;
    }

    /// <summary>The longest duration option accepted: a century.</summary>
    public static readonly Workflows.Timing.IsoDuration LongestDuration = new(100, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The time an ISO 8601 duration spans from <paramref name="from"/> (P1M is not a fixed length); up to the last representable
    /// date when it would go beyond it.
    /// </summary>
    public static TimeSpan Span(string duration, DateTimeOffset from)
    {
        Workflows.Timing.IsoDuration.TryParse(duration, out var parsed);
        return parsed.TryAddTo(from, NodaTime.DateTimeZone.Utc, out var end) ? end - from : DateTimeOffset.MaxValue.AddDays(-2) - from;
    }

    /// <summary>An integer option that must be at least <paramref name="minimum"/>.</summary>
    public static Option<int> AtLeast(string name, int minimum, int defaultValue, string description)
    {
        return new Option<int>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            // Parsed here, not by the library: a word or a number beyond an int (« abc », « 1e3 ») is a usage error, not a crash.
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
                    result.AddError($"{name} must be a whole number of at least {minimum} (up to {int.MaxValue}), not '{text}'.");
                else if (value < minimum) result.AddError($"{name} must be at least {minimum}.");
                return value;
            },
        };
    }

    /// <summary>
    /// Parses <paramref name="args"/> for <paramref name="command"/> and runs it: usage errors are printed with a pointer to
    /// <c>--help</c> and give exit code 2, as they do from the host's root command.
    /// </summary>
    public static async Task<int> RunAsync(Command command, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = command.Parse(args);
        if (ReportErrors(parsed, stderr)) return 2;
        // No termination handler of the library's: on SIGTERM it faulted a completed task and printed that as a stack trace;
        // the runtime's own handling stops the command quietly.
        return await parsed.InvokeAsync(new InvocationConfiguration
            { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
    }

    /// <summary>Prints the parse errors of <paramref name="parsed"/>, if any; true when there were some.</summary>
    public static bool ReportErrors(ParseResult parsed, TextWriter stderr)
    {
        var command = parsed.CommandResult.Command;
        // The root lets settings through to check them itself (and migrate takes configuration keys); every other command
        // refuses a word it does not know, or a mistyped option (--polcy) would run with the default as if understood.
        var unmatched = command is RootCommand || command.Name == "migrate" ? [] : parsed.UnmatchedTokens;
        if (parsed.Errors.Count == 0 && unmatched.Count == 0) return false;
        var name = command.Name;
        foreach (var error in parsed.Errors) stderr.WriteLine($"{name}: {error.Message}");
        foreach (var token in unmatched) stderr.WriteLine($"{name}: unrecognized option or argument '{token}'.");
        stderr.WriteLine($"See '{name} --help'.");
        return true;
    }

    /// <summary>Why a <c>--var</c> or a scenario's variable may not take a name of <see cref="Workflows.Expressions.ReservedNames"/>.</summary>
    internal const string ReservedName =
        "a name JavaScript keeps for itself (its own Date, Math or JSON, or a keyword); expressions would lose it or never see the variable";

    /// <summary>As deep as a scenario file may nest its JSON (System.Text.Json's default).</summary>
    private const int MaxJsonDepth = 64;

    /// <summary>A JSON literal too deep to read: refused, as a scenario file refuses it, rather than kept as text.</summary>
    private sealed class TooDeep;

    private static object? ParseValue(string text)
    {
        try { return JsonSerializer.Deserialize<JsonElement>(text, new JsonSerializerOptions { MaxDepth = MaxJsonDepth }); }
        catch (JsonException) { return IsJson(text) ? new TooDeep() : text; }
    }

    /// <summary>Whether <paramref name="text"/> is JSON at any depth: what failed at <see cref="MaxJsonDepth"/> was then its depth, not its form.</summary>
    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 1_000_000 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
