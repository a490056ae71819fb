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

    /// <summary>The name of the check on a loose equality (<c>==</c>, <c>!=</c>).</summary>
    public const string Equal = "__orcEqual";

    /// <summary>The name of the check on an operand of arithmetic (<c>- * / % **</c>, a minus sign).</summary>
    public const string Numeric = "__orcNumeric";

    /// <summary>The name of the check on a unary plus's operand: a number, a date, or a text that holds a number.</summary>
    public const string NumberText = "__orcNumberText";

    /// <summary>The name of the check on an operand of <c>+</c> or of <c>new Date(…)</c>, which must hold something.</summary>
    public const string Present = "__orcPresent";

    /// <summary>The name of the check on a strict equality (<c>===</c>, <c>!==</c>).</summary>
    public const string StrictEqual = "__orcStrictEqual";

    /// <summary>
    /// The name of the check on what a search (<c>list.includes(x)</c>, <c>indexOf</c>, <c>lastIndexOf</c>) or a parse
    /// (<c>parseInt(x)</c>, <c>parseFloat</c>) is given: null when it is decided as written, else the outcome assumed for it.
    /// </summary>
    public const string Pending = "__orcPending";

    /// <summary>
    /// Installs the checks the rewritten condition <paramref name="strict"/> (from <see cref="Of"/>) calls, and only those, as host
    /// functions: they cost the expression none of its statements (a check in <c>values.some(v =&gt; v &gt; 100)</c> runs once per
    /// item) and throw <see cref="OperandException"/> with the reason.
    /// </summary>
    public static void Install(Jint.Engine engine, string strict)
    {
        if (strict.Contains(Bool, StringComparison.Ordinal)) engine.SetValue(Bool, new Func<JsValue, string, bool>((value, written) => value.IsBoolean() ? value.AsBoolean()
            : value.IsNull() && _assumed is { } assumed ? assumed.Take(written)
            : throw new OperandException($"{written} is {Describe(value)}, not true or false" + (value.IsString() ? $": compare it ({written} === '…')" : ""),
                value.IsNull())));
        if (strict.Contains(Compare, StringComparison.Ordinal)) engine.SetValue(Compare, new Func<JsValue, JsValue, string, string, bool>((left, right, op, written) =>
        {
            var absent = (left.IsNull() || right.IsNull()) && !left.IsUndefined() && !right.IsUndefined();
            if ((absent || Unknown(left) || Unknown(right)) && _assumed is { } assumed) return assumed.Take(written);
            var order = Order(left, right) ?? throw new OperandException($"{written} compares {Describe(left)} with {Describe(right)}: only two numbers, two texts or two dates are compared"
                + (IsDateText(left) || IsDateText(right) ? " (a date written as text is read with Date.parse(…) or new Date(…))" : ""),
                absent);
            return op switch { "<" => order < 0, "<=" => order <= 0, ">" => order > 0, _ => order >= 0 };
        }));
        // === never converts, so unlike values are simply never equal: « urgent !== false » with « non » is true, « urgent === true »
        // with « oui » false, and the slip goes unseen. Only like values are compared, and null or undefined, which a value may
        // hold before it is known (« decision === null »); two dates as objects are refused as for ==.
        if (strict.Contains(StrictEqual, StringComparison.Ordinal)) engine.SetValue(StrictEqual, new Func<JsValue, JsValue, bool, string, bool>((left, right, negate, written) =>
        {
            bool equal;
            // undefined is compared with undefined only (« x === undefined »): against null or a value, it is a misspelt property.
            if (left.IsUndefined() != right.IsUndefined()) throw Undefined(left, right, written);
            if ((NotYet(left, right) || Unknown(left) || Unknown(right)) && _assumed is { } assumed) return assumed.Take(written);
            if (IsNaN(left) || IsNaN(right)) throw NaNCompared(left, right, written);
            if (left.IsNull() || left.IsUndefined() || right.IsNull() || right.IsUndefined()) equal = left.Type == right.Type;
            else if (left is JsDate && right is JsDate)
                throw new OperandException($"{written} compares two dates as objects, which are never equal: compare their times (a.getTime() === b.getTime())", false);
            else if (left.Type != right.Type)
                throw new OperandException($"{written} compares {Describe(left)} with {Describe(right)}, which are never equal: only two values of the same kind are compared"
                    + (left.IsBoolean() || right.IsBoolean() ? " (a yes/no answer holds true or false, never a text)" : left.IsString() || right.IsString() ? " (compare a text with a text: x === 'oui')" : ""), false);
            else if (left.IsNumber()) equal = left.AsNumber() == right.AsNumber(); // NaN is not NaN, 0 is -0, as === says
            else if (left.IsString()) equal = string.Equals(left.AsString(), right.AsString(), StringComparison.Ordinal);
            else if (left.IsBoolean()) equal = left.AsBoolean() == right.AsBoolean();
            else equal = ReferenceEquals(left, right) || left.Equals(right);
            return equal != negate;
        }));
        // JavaScript's == converts unlike values (« 'non' != false » is true, « '1' == true » too): only like values are compared,
        // and null or undefined, which equal only each other, as JavaScript does (« x == null » keeps its meaning).
        if (strict.Contains(Equal, StringComparison.Ordinal)) engine.SetValue(Equal, new Func<JsValue, JsValue, bool, string, bool>((left, right, negate, written) =>
        {
            static bool Absent(JsValue v) => v.IsNull() || v.IsUndefined();
            bool equal;
            // undefined against a value is a misspelt property (« patient.urgnet != false » would be true whatever patient.urgent
            // says); against null or undefined it keeps JavaScript's meaning (« x == null »: x holds nothing).
            if ((left.IsUndefined() && !Absent(right)) || (right.IsUndefined() && !Absent(left))) throw Undefined(left, right, written);
            if ((NotYet(left, right) || Unknown(left) || Unknown(right)) && _assumed is { } assumed) return assumed.Take(written);
            if (IsNaN(left) || IsNaN(right)) throw NaNCompared(left, right, written);
            if (Absent(left) || Absent(right)) equal = Absent(left) && Absent(right);
            else if (left is JsDate && right is JsDate)
                throw new OperandException($"{written} compares two dates as objects, which are never equal: compare their times (a.getTime() === b.getTime())", false);
            else if (left.Type != right.Type)
                throw new OperandException($"{written} compares {Describe(left)} with {Describe(right)}: only two values of the same kind are compared"
                    + (left.IsString() || right.IsString() ? " (compare a text with a text: x === 'oui')" : ""), false);
            else equal = left.Equals(right);
            return equal != negate;
        }));
        // Arithmetic reads null as 0 and a text as its number (« score - 10 < 0 » with no score is true): its operands must be numbers or dates.
        if (strict.Contains(Numeric, StringComparison.Ordinal)) engine.SetValue(Numeric, new Func<JsValue, string, JsValue>((value, written) =>
            value.IsNumber() || value.IsBigInt() || value is JsDate ? value
            : value.IsNull() && _assumed is { } assumed ? assumed.UnknownNumber()
            : throw new OperandException($"{written} is {Describe(value)}, not a number" + (value.IsString() ? ": read a text that holds a number with Number(…), once it is known not to be empty, or a date with Date.parse(…)" : ""),
                value.IsNull())));
        // « +score » reads a text as its number, which is what it is written for, but '' and null as 0; « +urgent » counts a yes as 1.
        if (strict.Contains(NumberText, StringComparison.Ordinal)) engine.SetValue(NumberText, new Func<JsValue, string, JsValue>((value, written) =>
            value.IsNumber() || value.IsBigInt() || value.IsBoolean() || value is JsDate
            || (value.IsString() && double.TryParse(value.AsString().Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) ? value
            : value.IsNull() && _assumed is { } assumed ? assumed.UnknownNumber()
            : throw new OperandException($"{written} is {Describe(value)}, not a number", value.IsNull())));
        // « ['leger', 'modere'].includes(level) » is false while level holds nothing, so « !…includes(level) » would be true at once:
        // under Decide (a conditional event) the search's outcome is assumed both ways, as a comparison's; an index or a parsed
        // number (« parseInt(score) ») stands as the unknown number. Elsewhere (a flow) the search is decided as written.
        if (strict.Contains(Pending, StringComparison.Ordinal)) engine.SetValue(Pending, new Func<JsValue, bool, string, JsValue>((value, number, written) =>
            !value.IsNull() || _assumed is not { } assumed ? JsValue.Null
            : number ? assumed.UnknownNumber()
            : assumed.Take(written) ? JsBoolean.True : JsBoolean.False));
        // « score + 5 » with no score is 5, and « new Date(null) » is 1 January 1970: an operand holding nothing is not decided on.
        if (strict.Contains(Present, StringComparison.Ordinal)) engine.SetValue(Present, new Func<JsValue, string, JsValue>((value, written) =>
            value.IsNull() || value.IsUndefined() ? throw new OperandException($"{written} is {Describe(value)}", value.IsNull()) : value));
    }

    /// <summary>
    /// An equality with an undefined operand where the other is not: a property the object does not have, most often a misspelt
    /// name, which would make the comparison's answer the same whatever the data says.
    /// </summary>
    private static OperandException Undefined(JsValue left, JsValue right, string written) =>
        new($"{written} compares {Describe(left)} with {Describe(right)}: a property its object does not have (a misspelt name?) is never compared with a value", false);

    private static bool IsNaN(JsValue value) => value.IsNumber() && double.IsNaN(value.AsNumber());

    /// <summary>
    /// An equality with NaN, which equals nothing, not even itself: « parseInt(score) !== 3 » with an empty score, or « a.getTime() !==
    /// b.getTime() » with an invalid date, would be true whatever the person's answers.
    /// </summary>
    private static OperandException NaNCompared(JsValue left, JsValue right, string written) =>
        new($"{written} compares {Describe(left)} with {Describe(right)}: NaN (an empty or unreadable number, an invalid date) equals nothing, so the answer would not depend on the data (test it with Number.isNaN(…))", false);

    /// <summary>
    /// One operand holds nothing yet (null) and the other a value: under <see cref="Decide"/> (a conditional event) the answer
    /// depends on what it will hold (« urgent !== true » with urgent not yet answered is « not yet », not true), so both outcomes
    /// are tried; elsewhere (a flow) null simply differs from any value, as in JavaScript (« decision === null »).
    /// </summary>
    private static bool NotYet(JsValue left, JsValue right) =>
        (left.IsNull() && !right.IsNull() && !right.IsUndefined()) || (right.IsNull() && !left.IsNull() && !left.IsUndefined());

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

    /// <summary>An operand a condition cannot decide on, and why; <see cref="Absent"/> when it holds nothing yet (null).</summary>
    public sealed class OperandException(string reason, bool absent) : Exception(reason)
    {
        /// <summary>
        /// The operand holds nothing yet (null): a conditional event reads this as « not yet », a flow's condition as undecidable.
        /// An undefined one is not « not yet »: it is a property the object does not have, most often a misspelt name.
        /// </summary>
        public bool Absent { get; } = absent;

        /// <summary>Thrown under <see cref="Decide"/> when an absent operand has no outcome assumed yet: both are tried.</summary>
        internal bool Unassumed { get; init; }
    }

    // The outcomes assumed, in evaluation order, for the comparisons and truth tests of operands that hold nothing (see Decide).
    [ThreadStatic] private static Assumed? _assumed;

    /// <summary>
    /// A number computed from an operand still null (« poids - poidsInitial » before the weight is known), under <see cref="Decide"/>:
    /// NaN stands for it, and the comparison that reads it is assumed both ways, as one on the null operand itself would be.
    /// </summary>
    private static bool Unknown(JsValue value) => _assumed is { ReadsUnknownNumber: true } && value.IsNumber() && double.IsNaN(value.AsNumber());

    private sealed class Assumed(IReadOnlyList<bool> outcomes)
    {
        private int _next;

        /// <summary>Whether arithmetic of this evaluation read an operand still null (its result stands as NaN).</summary>
        public bool ReadsUnknownNumber { get; private set; }

        public JsValue UnknownNumber()
        {
            ReadsUnknownNumber = true;
            return new JsNumber(double.NaN);
        }

        public bool Take(string written) => _next < outcomes.Count ? outcomes[_next++]
            : throw new OperandException($"{written} reads an operand that holds nothing yet", true) { Unassumed = true };
    }

    /// <summary>How many evaluations <see cref="Decide"/> tries before it calls a condition undecided.</summary>
    // Every equality on a null operand is an assumption too: seven answers still null in « answers.filter(a => a === true) »
    // take 255 evaluations to see that « || urgent === true » decides anyway (a few tens of milliseconds, and only then).
    private const int MaxAssumptions = 256;

    /// <summary>
    /// Decides a condition whose operands may hold nothing yet (a conditional event's, waiting for a level still null): true or
    /// false when it is so whatever each comparison and truth test of such an operand turns out to be (<c>score &gt; 8 || urgent
    /// === true</c> with urgent true and no score yet is true, as in JavaScript and in three-valued logic); null when the answer
    /// depends on them (« not yet »), or on an operand that holds nothing in arithmetic, or beyond 256 evaluations.
    /// <paramref name="evaluate"/> is the strict evaluation (<see cref="ConditionExpression.Evaluate"/>); its other failures
    /// (a text where a boolean is meant, an undefined property) are thrown as they are.
    /// </summary>
    /// <exception cref="ExpressionException">The condition fails for another reason than an operand holding nothing.</exception>
    public static bool? Decide(Func<bool> evaluate)
    {
        bool? decided = null;
        var pending = new Stack<bool[]>([[]]);
        for (var runs = 0; pending.TryPop(out var outcomes); runs++)
        {
            if (runs == MaxAssumptions) return null;
            _assumed = new Assumed(outcomes);
            try
            {
                var result = evaluate();
                if (decided is { } earlier && earlier != result) return null;
                decided = result;
            }
            catch (ExpressionException e) when (e.InnerException is OperandException { Unassumed: true })
            {
                pending.Push([.. outcomes, true]);
                pending.Push([.. outcomes, false]);
            }
            catch (ExpressionException e) when (e.InnerException is OperandException { Absent: true })
            {
                return null;
            }
            finally
            {
                _assumed = null;
            }
        }
        return decided;
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

        // An optional chain (« referent?.name ») yields undefined when what it reads through holds nothing, as it is written to:
        // that is nothing (null) to an equality, not a misspelt property.
        private string Operand(Node node) => node is ChainExpression ? $"(({Emit(node)}) ?? null)" : $"({Emit(node)})";

        private static bool IsUndefinedLiteral(Node node) => node is Identifier { Name: "undefined" } or UnaryExpression { Operator: Operator.Void };

        private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(ConditionExpression.Shorten(text));

        // Every operand is put back in parentheses: a node's text leaves out the ones its author wrote around it (« !(a === b) »).
        public string Emit(Node node) => node switch
        {
            _ when _wrappedPredicates.Remove(node) => WrappedPredicate(node),
            ArrowFunctionExpression arrow => Arrow(arrow),
            LogicalExpression { Operator: Operator.LogicalAnd or Operator.LogicalOr } logical =>
                $"({Checked(logical.Left)} {(logical.Operator == Operator.LogicalAnd ? "&&" : "||")} {Checked(logical.Right)})",
            UnaryExpression { Operator: Operator.LogicalNot } not => $"(!{Checked(not.Argument)})",
            ConditionalExpression conditional => $"({Checked(conditional.Test)} ? ({Emit(conditional.Consequent)}) : ({Emit(conditional.Alternate)}))",
            BinaryExpression { Operator: Operator.LessThan or Operator.LessThanOrEqual or Operator.GreaterThan or Operator.GreaterThanOrEqual } comparison =>
                $"{Compare}(({Emit(comparison.Left)}), ({Emit(comparison.Right)}), '{Symbol(comparison.Operator)}', {Quote(Source(comparison))})",
            // « x === undefined » asks whether x is there at all: the one comparison with undefined that is meant, left as written.
            BinaryExpression { Operator: Operator.Equality or Operator.Inequality or Operator.StrictEquality or Operator.StrictInequality } presence
                when IsUndefinedLiteral(presence.Left) || IsUndefinedLiteral(presence.Right) =>
                $"(({Emit(presence.Left)}) {Symbol(presence.Operator)} ({Emit(presence.Right)}))",
            BinaryExpression { Operator: Operator.Equality or Operator.Inequality } equality =>
                $"{Equal}({Operand(equality.Left)}, {Operand(equality.Right)}, {(equality.Operator == Operator.Inequality ? "true" : "false")}, {Quote(Source(equality))})",
            BinaryExpression { Operator: Operator.StrictEquality or Operator.StrictInequality } strict =>
                $"{StrictEqual}({Operand(strict.Left)}, {Operand(strict.Right)}, {(strict.Operator == Operator.StrictInequality ? "true" : "false")}, {Quote(Source(strict))})",
            BinaryExpression { Operator: Operator.Subtraction or Operator.Multiplication or Operator.Division or Operator.Remainder or Operator.Exponentiation
                or Operator.BitwiseAnd or Operator.BitwiseOr or Operator.BitwiseXor or Operator.LeftShift or Operator.RightShift or Operator.UnsignedRightShift } arithmetic =>
                $"({Checked(Numeric, arithmetic.Left)} {Arithmetic(arithmetic.Operator)} {Checked(Numeric, arithmetic.Right)})",
            BinaryExpression { Operator: Operator.Addition } addition => $"({Checked(Present, addition.Left)} + {Checked(Present, addition.Right)})",
            UnaryExpression { Operator: Operator.UnaryNegation } negation => $"(-{Checked(Numeric, negation.Argument)})",
            UnaryExpression { Operator: Operator.BitwiseNot } not => $"(~{Checked(Numeric, not.Argument)})",
            // Boolean('non') is true: what it is given must already be true or false, as a logical operand.
            CallExpression { Callee: Identifier { Name: "Boolean" }, Arguments.Count: 1 } boolean when boolean.Arguments[0] is not SpreadElement =>
                $"Boolean({Checked(boolean.Arguments[0])})",
            // Number(null) and Number('') are 0, Math.max(null, 3) is 3: what they are given is held as a unary plus's and arithmetic's.
            CallExpression { Callee: Identifier { Name: "Number" }, Arguments.Count: 1 } number when number.Arguments[0] is not SpreadElement =>
                $"Number({Checked(NumberText, number.Arguments[0])})",
            CallExpression { Callee: MemberExpression { Computed: false, Object: Identifier { Name: "Math" }, Property: Identifier { Name: var function } } } math
                when math.Arguments.Count > 0 && math.Arguments.All(a => a is not SpreadElement) =>
                $"Math.{function}({string.Join(", ", math.Arguments.Select(a => Checked(Numeric, a)))})",
            UnaryExpression { Operator: Operator.UnaryPlus } plus => $"(+{Checked(NumberText, plus.Argument)})",
            NewExpression { Callee: Identifier { Name: "Date" }, Arguments.Count: 1 } date when date.Arguments[0] is not SpreadElement =>
                $"(new Date({Checked(Present, date.Arguments[0])}))",
            // new Date(year, month, day…) reads null as 0 (the year 1900): its parts must be numbers.
            NewExpression { Callee: Identifier { Name: "Date" } } parts when parts.Arguments.Count > 1 && parts.Arguments.All(a => a is not SpreadElement) =>
                $"(new Date({string.Join(", ", parts.Arguments.Select(a => Checked(Numeric, a)))}))",
            // A search for an answer not given yet is « not yet » to a conditional event (see Pending); a call in an optional chain is left
            // as written (« a?.list.includes(x) » stops at a null a, which parentheses around « a?.list » would not).
            CallExpression { Optional: false, Callee: MemberExpression { Computed: false, Optional: false, Property: Identifier { Name: "includes" or "indexOf" or "lastIndexOf" } } } search
                when search.Arguments.Count > 0 && search.Arguments.All(a => a is not SpreadElement) && !InOptionalChain(search) => Search(search),
            CallExpression { Optional: false, Callee: Identifier { Name: "parseInt" or "parseFloat" } or MemberExpression { Computed: false, Optional: false, Object: Identifier { Name: "Number" }, Property: Identifier { Name: "parseInt" or "parseFloat" } } } parse
                when parse.Arguments.Count > 0 && parse.Arguments.All(a => a is not SpreadElement) && !InOptionalChain(parse) => Search(parse),
            // A predicate's result is read as true or false by every, some, filter, find…: « answers.every(a => a) » with « non » is not yes.
            CallExpression { Callee: MemberExpression { Computed: false, Property: Identifier { Name: "every" or "some" or "filter" or "find" or "findIndex" or "findLast" or "findLastIndex" } } } call
                when call.Arguments.Count > 0 && call.Arguments[0] is ArrowFunctionExpression { Body: Expression } predicate => Predicate(call, predicate),
            // Written otherwise (a function, a block, Boolean, a name), the predicate is called through a check of what it returns.
            CallExpression { Callee: MemberExpression { Computed: false, Property: Identifier { Name: "every" or "some" or "filter" or "find" or "findIndex" or "findLast" or "findLastIndex" } } } call
                when call.Arguments.Count > 0 && call.Arguments[0] is not SpreadElement && _wrappedPredicates.Add(call.Arguments[0]) => Spliced(call),
            _ => Spliced(node),
        };

        /// <summary>
        /// A search or a parse whose first argument goes through <see cref="Pending"/> first: <c>(check ?? call)</c>, the argument's
        /// strict form written twice but emitted once (emitting marks predicates), evaluated twice (an expression changes nothing).
        /// </summary>
        private string Search(CallExpression call)
        {
            var arguments = call.Arguments.Select(a => $"({Emit(a)})").ToList();
            var callee = call.Callee is MemberExpression member ? $"({Emit(member.Object)}).{((Identifier)member.Property).Name}" : Source(call.Callee);
            var number = call.Callee is not MemberExpression { Property: Identifier { Name: "includes" } };
            return $"({Pending}({arguments[0]}, {(number ? "true" : "false")}, {Quote(Source(call))}) ?? {callee}({string.Join(", ", arguments)}))";
        }

        private bool InOptionalChain(CallExpression call) => Source(call).Contains("?.", StringComparison.Ordinal);

        private readonly HashSet<Node> _predicates = [];
        private readonly HashSet<Node> _wrappedPredicates = [];

        /// <summary>A predicate not written as <c>x =&gt; expression</c>: called with the item, index and list, its result checked.</summary>
        private string WrappedPredicate(Node predicate) => predicate is Identifier { Name: "Boolean" }
            // Boolean turns anything into true or false (« non » into true): as a predicate, each item must already be one.
            ? $"((__orcItem) => {Bool}(__orcItem, {Quote("Boolean(item)")}))"
            : $"((...__orcArguments) => {Bool}(({Emit(predicate)})(...__orcArguments), {Quote(Source(predicate))}))";

        private string Predicate(CallExpression call, ArrowFunctionExpression predicate)
        {
            _predicates.Add(predicate);
            return Spliced(call);
        }

        /// <summary>A predicate's arrow function with its expression body checked (see <see cref="Predicate"/>); other arrows as they are.</summary>
        private string Arrow(ArrowFunctionExpression arrow)
        {
            if (!_predicates.Contains(arrow) || arrow.Body is not Expression body) return Spliced(arrow);
            return code[arrow.Start..body.Start] + Checked(body) + code[body.End..arrow.End];
        }

        /// <summary>An operand passed through the check <paramref name="check"/>, which names it by its text.</summary>
        private string Checked(string check, Node operand) => $"{check}(({Emit(operand)}), {Quote(Source(operand))})";

        private static string Arithmetic(Operator op) => op switch
        {
            Operator.Subtraction => "-",
            Operator.Multiplication => "*",
            Operator.Division => "/",
            Operator.Remainder => "%",
            Operator.BitwiseAnd => "&",
            Operator.BitwiseOr => "|",
            Operator.BitwiseXor => "^",
            Operator.LeftShift => "<<",
            Operator.RightShift => ">>",
            Operator.UnsignedRightShift => ">>>",
            _ => "**",
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
            Operator.GreaterThanOrEqual => ">=",
            Operator.Equality => "==",
            Operator.Inequality => "!=",
            Operator.StrictEquality => "===",
            _ => "!==",
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
