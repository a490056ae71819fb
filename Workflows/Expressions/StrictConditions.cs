using System.Collections.Concurrent;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace Orchestrator.Workflows.Expressions;

/// <summary>
/// A condition decides a person's path, so it is read strictly where JavaScript would guess: the operands of <c>&amp;&amp;</c>,
/// <c>||</c>, <c>!</c> and of a <c>?:</c>'s test must be true or false (« non » is not false, and <c>urgent &amp;&amp; needsCare</c>
/// with <c>urgent = "non"</c> must not yield <c>needsCare</c>), and <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> compare two
/// numbers, two texts or two dates only (a date and a number of milliseconds too, <c>new Date(due) &lt; Date.now()</c>) (JavaScript reads <c>null &lt; 10</c> as <c>0 &lt; 10</c>, and a date text against a date
/// as NaN, false both ways). Anything else makes the condition undecidable, as a non-boolean result already does: the step fails
/// on an incident naming the operand, rather than send the person down a path nobody chose. This is how FEEL (Zeebe) and JUEL
/// (Camunda 7) treat such operands too, as null or an error, never as a guess.
/// </summary>
/// <remarks>
/// The condition's code is rewritten once (operands wrapped in checks, an operand known to be a boolean, such as a comparison, left
/// as it is) and kept; most conditions (<c>decision === 'admit'</c>, <c>a === 'x' &amp;&amp; b &gt;= 3</c> with numbers) need no check at all.
/// Only conditions are read so: a timer's or a mapping's expression keeps JavaScript's own rules.
/// </remarks>
internal static partial class StrictConditions
{
    /// <summary>The name of the check on a logical operand; not a name a variable would take.</summary>
    public const string Bool = "__orcBool";

    /// <summary>The name of the check on a comparison.</summary>
    public const string Compare = "__orcCompare";

    /// <summary>
    /// Installs the two checks a rewritten condition calls, as host functions: they cost the expression none of its statements (a check
    /// in <c>values.some(v =&gt; v &gt; 100)</c> runs once per item) and throw <see cref="OperandException"/> with the reason.
    /// </summary>
    public static void Install(Jint.Engine engine)
    {
        engine.SetValue(Bool, new Func<JsValue, string, bool>((value, written) => value.IsBoolean() ? value.AsBoolean()
            : throw new OperandException($"{written} is {Describe(value)}, not true or false" + (value.IsString() ? $": compare it ({written} === '…')" : ""),
                value.IsNull() || value.IsUndefined())));
        engine.SetValue(Compare, new Func<JsValue, JsValue, string, string, bool>((left, right, op, written) =>
        {
            var order = Order(left, right) ?? throw new OperandException($"{written} compares {Describe(left)} with {Describe(right)}: only two numbers, two texts or two dates are compared"
                + (IsDateText(left) || IsDateText(right) ? " (a date written as text is read with Date.parse(…) or new Date(…))" : ""),
                left.IsNull() || left.IsUndefined() || right.IsNull() || right.IsUndefined());
            return op switch { "<" => order < 0, "<=" => order <= 0, ">" => order > 0, _ => order >= 0 };
        }));
    }

    /// <summary>How two like values compare (as JavaScript orders them: texts by UTF-16 code units); null when they are not alike.</summary>
    private static int? Order(JsValue left, JsValue right)
    {
        static double? Number(JsValue v) => v.IsNumber() && !double.IsNaN(v.AsNumber()) ? v.AsNumber() : v.IsBigInt() ? (double)TypeConverter.ToBigInt(v) : null;
        static double? Date(JsValue v) => v is JsDate date && !double.IsNaN(date.DateValue) ? date.DateValue : null;
        if (left.IsBigInt() && right.IsBigInt()) return TypeConverter.ToBigInt(left).CompareTo(TypeConverter.ToBigInt(right));
        if (Number(left) is { } a && Number(right) is { } b) return a.CompareTo(b);
        if (left.IsString() && right.IsString()) return Math.Sign(string.CompareOrdinal(left.AsString(), right.AsString()));
        // A date against a number of milliseconds (new Date(due) < Date.now()) compares its time, as JavaScript does, and as unambiguously.
        if ((Date(left) ?? Number(left)) is { } t1 && (Date(right) ?? Number(right)) is { } t2 && (Date(left) ?? Date(right)) is not null) return t1.CompareTo(t2);
        return null;
    }

    private static bool IsDateText(JsValue value) => value.IsString() && DateText().IsMatch(value.AsString());

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial System.Text.RegularExpressions.Regex DateText();

    private static string Describe(JsValue value) => value switch
    {
        _ when value.IsNull() || value.IsUndefined() => $"nothing ({(value.IsNull() ? "null" : "undefined")})",
        _ when value.IsString() => $"the text '{ConditionExpression.Shorten(value.AsString(), 40)}'",
        _ when value.IsNumber() => double.IsNaN(value.AsNumber()) ? "not a number (NaN)" : "the number " + TypeConverter.ToString(value),
        _ when value.IsBigInt() => "the number " + TypeConverter.ToString(value),
        _ when value.IsBoolean() => value.AsBoolean() ? "true" : "false",
        JsDate date => double.IsNaN(date.DateValue) ? "an invalid date" : "a date",
        JsArray => "a list",
        _ => "an object",
    };

    /// <summary>An operand a condition cannot decide on, and why; <see cref="Absent"/> when it holds nothing (null, undefined).</summary>
    public sealed class OperandException(string reason, bool absent) : Exception(reason)
    {
        /// <summary>The operand holds nothing yet: a conditional event reads this as « not yet », a flow's condition as undecidable.</summary>
        public bool Absent { get; } = absent;
    }

    private static readonly ConcurrentDictionary<string, string> Rewritten = new(StringComparer.Ordinal);

    /// <summary>
    /// The strict form of <paramref name="code"/> (the inside of a condition's <c>${…}</c>); the code itself when nothing needs a check,
    /// or when it does not parse (evaluating it then names the syntax error).
    /// </summary>
    public static string Of(string code)
    {
        if (Rewritten.TryGetValue(code, out var known)) return known;
        string strict;
        try
        {
            strict = new Rewriter(code).Emit(new Parser().ParseExpression(code, null, true));
        }
        catch (ParseErrorException)
        {
            strict = code;
        }
        if (Rewritten.Count >= ExpressionEvaluator.CacheCapacity) Rewritten.Clear(); // conditions are few; a flood of new ones starts over
        return Rewritten[code] = strict;
    }

    /// <summary>
    /// Null when <paramref name="code"/> (a condition's, already parsed once) holds no JavaScript slip a condition cannot mean, else why:
    /// a comma keeps only its last part (<c>a, b</c> ignores <c>a</c>), and <c>x in [1, 2]</c> tests the list's positions, not its values.
    /// </summary>
    public static string? Slip(string code)
    {
        Node root;
        try { root = new Parser().ParseExpression(code, null, true); }
        catch (ParseErrorException) { return null; } // the syntax error is reported by the parse itself
        if (root is SequenceExpression) return "a comma keeps only its last part: join the parts with && or ||";
        var pending = new Stack<Node>([root]);
        while (pending.TryPop(out var node))
        {
            if (node is BinaryExpression { Operator: Operator.In, Right: ArrayExpression } inList)
                return $"'{code[inList.Start..inList.End]}' tests the list's positions, not its values: write [...].includes(…)";
            foreach (var child in node.ChildNodes) pending.Push(child);
        }
        return null;
    }

    /// <summary>Whether <paramref name="strict"/> (from <see cref="Of"/>) calls the checks, which must then be installed first.</summary>
    public static bool NeedsHelpers(string strict) => strict.Contains("__orc", StringComparison.Ordinal);

    private sealed class Rewriter(string code)
    {
        private string Source(Node node) => code[node.Start..node.End];

        private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(ConditionExpression.Shorten(text));

        // Every operand is put back in parentheses: a node's text leaves out the ones its author wrote around it (« !(a === b) »).
        public string Emit(Node node) => node switch
        {
            LogicalExpression { Operator: Operator.LogicalAnd or Operator.LogicalOr } logical =>
                $"({Checked(logical.Left)} {(logical.Operator == Operator.LogicalAnd ? "&&" : "||")} {Checked(logical.Right)})",
            UnaryExpression { Operator: Operator.LogicalNot } not => $"(!{Checked(not.Argument)})",
            ConditionalExpression conditional => $"({Checked(conditional.Test)} ? ({Emit(conditional.Consequent)}) : ({Emit(conditional.Alternate)}))",
            BinaryExpression { Operator: Operator.LessThan or Operator.LessThanOrEqual or Operator.GreaterThan or Operator.GreaterThanOrEqual } comparison =>
                $"{Compare}(({Emit(comparison.Left)}), ({Emit(comparison.Right)}), '{Symbol(comparison.Operator)}', {Quote(Source(comparison))})",
            _ => Spliced(node),
        };

        /// <summary>A logical operand: left as it is when it can only be a boolean, else checked.</summary>
        private string Checked(Node operand) => IsBoolean(operand) ? $"({Emit(operand)})" : $"{Bool}(({Emit(operand)}), {Quote(Source(operand))})";

        private static bool IsBoolean(Node node) => node switch
        {
            BooleanLiteral => true,
            LogicalExpression { Operator: Operator.LogicalAnd or Operator.LogicalOr } => true, // checked in turn
            UnaryExpression { Operator: Operator.LogicalNot } => true,
            BinaryExpression { Operator: Operator.Equality or Operator.Inequality or Operator.StrictEquality or Operator.StrictInequality
                or Operator.LessThan or Operator.LessThanOrEqual or Operator.GreaterThan or Operator.GreaterThanOrEqual
                or Operator.In or Operator.InstanceOf } => true,
            _ => false,
        };

        private static string Symbol(Operator op) => op switch
        {
            Operator.LessThan => "<",
            Operator.LessThanOrEqual => "<=",
            Operator.GreaterThan => ">",
            _ => ">=",
        };

        /// <summary>The node's own text with each child that needed a check replaced by its strict form.</summary>
        private string Spliced(Node node)
        {
            var text = new System.Text.StringBuilder();
            var at = node.Start;
            foreach (var child in node.ChildNodes.OrderBy(c => c.Start))
            {
                if (child.Start < at) continue; // a shorthand property's key and value share their text
                var emitted = Emit(child);
                if (emitted == Source(child)) continue;
                text.Append(code, at, child.Start - at).Append(emitted);
                at = child.End;
            }
            return at == node.Start ? Source(node) : text.Append(code, at, node.End - at).ToString();
        }
    }
}
