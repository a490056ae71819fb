using System.Text.Json.Nodes;

namespace Orchestrator.Workflows.Expressions;

/// <summary>
/// The rules of a sequence flow's <c>conditionExpression</c>: the whole text is one <c>${…}</c> the engine
/// evaluates, and its value is a boolean. Anything else (plain text, another dialect such as <c>= a &gt; 1</c>,
/// a text or a number as value, a variable that does not exist) is an error, never a guess: BPMN 2.0
/// §10.5.1 says a condition is a boolean expression, and a wrong guess sends a person down the wrong path.
/// </summary>
public static partial class ConditionExpression
{
    /// <summary>Null when <paramref name="text"/> is a single <c>${…}</c> that parses, else why it is refused.</summary>
    public static string? Check(string text) => Shape(text) ?? ExpressionEvaluator.Check(text)
        ?? StrictConditions.Slip(ExpressionEvaluator.Placeholders(text.Trim(), out _)[0].Code);

    /// <summary>Null when <paramref name="text"/> is a single <c>${…}</c>, else why it is refused (without parsing the code inside).</summary>
    private static string? Shape(string text)
    {
        // One placeholder, closed by its balancing brace, and nothing else: « ${urgent}} » is not one expression.
        var trimmed = text.Trim();
        var placeholders = ExpressionEvaluator.Placeholders(trimmed, out var unterminated);
        return !unterminated && placeholders is [{ Index: 0 } only] && only.Length == trimmed.Length
            && !only.Code.Contains("${", StringComparison.Ordinal)
            ? null
            : Validation.ReasonText.Format(Validation.Reasons.ConditionNotOneExpression, Shorten(text));
    }

    /// <summary>Evaluates the condition over <paramref name="variables"/>.</summary>
    /// <exception cref="ExpressionException">The expression fails (e.g. a variable that does not exist) or yields anything but true or false.</exception>
    public static bool Evaluate(string text, JsonObject variables)
    {
        // Only the shape here: evaluating parses the code once and keeps it (Check parses without keeping, for validation).
        if (Shape(text) is { } reason) throw new ExpressionException(text, reason);
        return ExpressionEvaluator.RunCondition(text.Trim(), variables) switch
        {
            bool b => b,
            null => throw new ExpressionException(text, "it yields nothing (null), not true or false"),
            string s => throw new ExpressionException(text, $"it yields the text '{Shorten(s)}', not true or false"),
            double d => throw new ExpressionException(text, $"it yields the number {d.ToString(System.Globalization.CultureInfo.InvariantCulture)}, not true or false"),
            DateTimeOffset date => throw new ExpressionException(text, $"it yields the date {date.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}, not true or false"),
            System.Text.Json.Nodes.JsonArray => throw new ExpressionException(text, "it yields a list, not true or false"),
            // An object, or a wrapper such as new Boolean(false), which JavaScript itself takes as true: neither is a condition's answer.
            _ => throw new ExpressionException(text, "it yields an object, not true or false (new Boolean(…) is an object too: write the value itself)"),
        };
    }

    /// <summary><paramref name="text"/> as an error quotes it: at most <paramref name="max"/> characters, cut with an ellipsis.</summary>
    internal static string Shorten(string text, int max = 60) => text.Length <= max ? text : text[..(max - 3)] + "…";
}
