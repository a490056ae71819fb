using System.Collections.Concurrent;
using Acornima;
using Acornima.Ast;

namespace Orchestrator.Workflows.Expressions;

/// <summary>
/// A condition decides a person's path, so it is read strictly where JavaScript would guess: the operands of <c>&amp;&amp;</c>,
/// <c>||</c>, <c>!</c> and of a <c>?:</c>'s test must be true or false (« non » is not false, and <c>urgent &amp;&amp; needsCare</c>
/// with <c>urgent = "non"</c> must not yield <c>needsCare</c>), and <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> compare two
/// numbers, two texts or two dates only (JavaScript reads <c>null &lt; 10</c> as <c>0 &lt; 10</c>, and a date text against a date
/// as NaN, false both ways). Anything else makes the condition undecidable, as a non-boolean result already does: the step fails
/// on an incident naming the operand, rather than send the person down a path nobody chose. This is how FEEL (Zeebe) and JUEL
/// (Camunda 7) treat such operands too, as null or an error, never as a guess.
/// </summary>
/// <remarks>
/// The condition's code is rewritten once (operands wrapped in checks, an operand known to be a boolean, such as a comparison, left
/// as it is) and kept; most conditions (<c>decision === 'admit'</c>, <c>a === 'x' &amp;&amp; b &gt;= 3</c> with numbers) need no check at all.
/// Only conditions are read so: a timer's or a mapping's expression keeps JavaScript's own rules.
/// </remarks>
internal static class StrictConditions
{
    /// <summary>The name of the check on a logical operand; not a name a variable would take.</summary>
    public const string Bool = "__orcBool";

    /// <summary>The name of the check on a comparison.</summary>
    public const string Compare = "__orcCompare";

    /// <summary>Run before a rewritten condition: the two checks, which throw the reason as a text the incident quotes.</summary>
    public const string Helpers = $$"""
        (() => {
          const describe = v => v === null || v === undefined ? 'nothing (' + v + ')'
            : typeof v === 'string' ? "the text '" + (v.length > 40 ? v.slice(0, 37) + '…' : v) + "'"
            : typeof v === 'number' ? (Number.isNaN(v) ? 'not a number (NaN)' : 'the number ' + v)
            : typeof v === 'bigint' ? 'the number ' + v
            : typeof v === 'boolean' ? String(v)
            : v instanceof Date ? (Number.isNaN(v.valueOf()) ? 'an invalid date' : 'a date')
            : Array.isArray(v) ? 'a list' : 'an object';
          const isDateText = v => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v);
          Object.defineProperty(globalThis, '{{Bool}}', { value: (v, written) => {
            if (typeof v === 'boolean') return v;
            throw written + ' is ' + describe(v) + ', not true or false' + (typeof v === 'string' ? ": compare it (" + written + " === '…')" : '');
          } });
          Object.defineProperty(globalThis, '{{Compare}}', { value: (a, b, op, written) => {
            const number = v => (typeof v === 'number' && !Number.isNaN(v)) || typeof v === 'bigint';
            const date = v => v instanceof Date && !Number.isNaN(v.valueOf());
            if (!((number(a) && number(b)) || (typeof a === 'string' && typeof b === 'string') || (date(a) && date(b))))
              throw written + ' compares ' + describe(a) + ' with ' + describe(b) + ': only two numbers, two texts or two dates are compared'
                + (isDateText(a) || isDateText(b) ? ' (a date written as text is read with Date.parse(…) or new Date(…))' : '');
            switch (op) {
              case '<': return a < b;
              case '<=': return a <= b;
              case '>': return a > b;
              default: return a >= b;
            }
          } });
        })();
        """;

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

    /// <summary>Whether <paramref name="strict"/> (from <see cref="Of"/>) calls the checks, which must then be installed first.</summary>
    public static bool NeedsHelpers(string strict) => strict.Contains("__orc", StringComparison.Ordinal);

    private sealed class Rewriter(string code)
    {
        private string Source(Node node) => code[node.Start..node.End];

        private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text.Length > 60 ? text[..57] + "…" : text);

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
