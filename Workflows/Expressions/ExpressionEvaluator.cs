using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;

namespace Orchestrator.Workflows.Expressions;

/// <summary>
/// Evaluates <c>${…}</c> expressions with Jint over the instance variables. Each evaluation gets a
/// fresh, sandboxed engine: no CLR access, a statement and recursion cap, a memory cap and a wall-clock
/// timeout, so a definition written by an administrator cannot stall or escape the host.
/// </summary>
public static partial class ExpressionEvaluator
{
    private static readonly ConcurrentDictionary<string, Prepared<Script>> Prepared = new();

    [GeneratedRegex(@"\$\{(.+?)\}", RegexOptions.Singleline)]
    private static partial Regex Placeholder();

    public static bool IsExpression(string? text) => text is not null && text.Contains("${", StringComparison.Ordinal);

    /// <summary>Returns null when every <c>${…}</c> in <paramref name="text"/> parses, else the reason.</summary>
    public static string? Check(string text)
    {
        foreach (Match match in Placeholder().Matches(text))
        {
            try { Prepare(match.Groups[1].Value); }
            catch (ExpressionException e) { return e.Reason; }
        }
        return text.Contains("${", StringComparison.Ordinal) && !Placeholder().IsMatch(text) ? "unterminated ${ … }" : null;
    }

    /// <summary>A whole-string <c>${expr}</c> yields the raw value; text with embedded placeholders yields a string.</summary>
    public static object? Evaluate(string text, JsonObject variables)
    {
        var matches = Placeholder().Matches(text);
        if (matches.Count == 0) return text;
        if (matches.Count == 1 && matches[0].Index == 0 && matches[0].Length == text.Length)
            return Run(matches[0].Groups[1].Value, variables);
        return Placeholder().Replace(text, m => Convert.ToString(Run(m.Groups[1].Value, variables), CultureInfo.InvariantCulture) ?? "");
    }

    /// <summary>See <see cref="ConditionExpression.Evaluate"/>: only a boolean is a condition's value.</summary>
    public static bool EvaluateCondition(string text, JsonObject variables) => ConditionExpression.Evaluate(text, variables);

    public static string? EvaluateString(string text, JsonObject variables) => Evaluate(text, variables) switch
    {
        null => null,
        DateTimeOffset date => date.ToString("O", CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture),
    };

    private static Prepared<Script> Prepare(string code)
    {
        try
        {
            return Prepared.GetOrAdd(code, c => Jint.Engine.PrepareScript(c, options: new ScriptPreparationOptions { ParsingOptions = new ScriptParsingOptions { Tolerant = false } }));
        }
        catch (Exception e) when (e is not ExpressionException)
        {
            throw new ExpressionException(code, "syntax error: " + e.Message, e);
        }
    }

    private static object? Run(string code, JsonObject variables)
    {
        var script = Prepare(code);
        var engine = new Jint.Engine(options => options
            .Strict()
            .LimitRecursion(64)
            .MaxStatements(10_000)
            .LimitMemory(16_000_000)
            .TimeoutInterval(TimeSpan.FromSeconds(2)));
        try
        {
            var parser = new JsonParser(engine);
            foreach (var (name, node) in variables)
                engine.SetValue(name, node is null ? JsValue.Null : parser.Parse(node.ToJsonString()));
            return ToClr(engine.Evaluate(script));
        }
        catch (JavaScriptException e)
        {
            throw new ExpressionException(code, e.Error.ToString(), e);
        }
        catch (Exception e) when (e is TimeoutException or MemoryLimitExceededException or StatementsCountOverflowException or RecursionDepthOverflowException)
        {
            throw new ExpressionException(code, "exceeded its sandbox limits (" + e.GetType().Name + ")", e);
        }
        catch (Exception e) when (e is not ExpressionException)
        {
            throw new ExpressionException(code, e.Message, e);
        }
    }

    private static object? ToClr(JsValue value)
    {
        if (value.IsNull() || value.IsUndefined()) return null;
        if (value.IsBoolean()) return value.AsBoolean();
        if (value.IsNumber()) return value.AsNumber();
        if (value.IsString()) return value.AsString();
        if (value.IsDate()) return new DateTimeOffset(value.AsDate().ToDateTime().ToUniversalTime());
        var json = value.ToObject();
        return json is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(json);
    }
}
