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
/// fresh, sandboxed engine: no CLR access, a statement and recursion cap, a memory cap, a wall-clock
/// timeout, a time limit on each regular-expression match and a cap on the strings a single built-in
/// call may build, so a definition written by an administrator cannot stall, exhaust or escape the host.
/// Jint checks its memory and time limits between statements; the regular-expression timeout and the
/// string cap are what hold inside one call (<c>'x'.repeat(1e9)</c>, a catastrophic backtracking).
/// </summary>
public static partial class ExpressionEvaluator
{
    /// <summary>How many parsed expressions are kept for reuse, least recently used forgotten first.</summary>
    public const int CacheCapacity = 1024;

    /// <summary>Bytes an evaluation may allocate (measured by Jint between statements and charged for string building).</summary>
    public const long MemoryLimit = 16_000_000;

    /// <summary>Characters a single <c>repeat</c>, <c>padStart</c>, <c>padEnd</c>, <c>replace</c> or <c>replaceAll</c> may produce.</summary>
    public const int MaxStringLength = 1_000_000;

    /// <summary>Elements an array built by an expression may have.</summary>
    public const uint MaxArraySize = 100_000;

    /// <summary>Wall-clock budget of one evaluation.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>Wall-clock budget of one regular-expression match, which Jint cannot interrupt between statements.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    internal static readonly PreparedScripts Prepared = new(CacheCapacity);

    /// <summary>
    /// Run before each expression: the string built-ins whose result length the caller chooses check it
    /// before building anything. The originals stay in the closure, out of the expression's reach.
    /// </summary>
    private static readonly Prepared<Script> StringGuards = Jint.Engine.PrepareScript($$"""
        (() => {
          const max = {{MaxStringLength}};
          const guard = (name, length) => {
            if (length > max) throw new RangeError(name + ' would build a string of more than ' + max + ' characters, beyond the sandbox limit');
          };
          const proto = String.prototype;
          const { repeat, padStart, padEnd, replace, replaceAll } = proto;
          const bound = (text, replacement) => {
            if (typeof replacement === 'function') return 0;
            const r = String(replacement), n = text.length;
            return n + (n + 1) * (r.includes('$') ? r.length * Math.max(n, 1) : r.length);
          };
          const define = (name, f) => Object.defineProperty(proto, name, { value: f, writable: true, configurable: true, enumerable: false });
          define('repeat', function (count) { guard('repeat', String(this).length * Number(count)); return repeat.call(this, count); });
          define('padStart', function (length, filler) { guard('padStart', Number(length)); return padStart.call(this, length, filler); });
          define('padEnd', function (length, filler) { guard('padEnd', Number(length)); return padEnd.call(this, length, filler); });
          define('replace', function (pattern, replacement) { guard('replace', bound(String(this), replacement)); return replace.call(this, pattern, replacement); });
          define('replaceAll', function (pattern, replacement) { guard('replaceAll', bound(String(this), replacement)); return replaceAll.call(this, pattern, replacement); });
          // Atomics.wait puts the thread to sleep, which the time limit does not see (it counts statements run): gone, with the
          // shared memory it waits on.
          delete globalThis.Atomics;
          delete globalThis.SharedArrayBuffer;
          delete globalThis.ShadowRealm; // a realm of its own would have them again
        })();
        """);

    [GeneratedRegex(@"\bDate\b")]
    private static partial Regex NamesDate();

    /// <summary>A <c>${…}</c> of a text: where it starts, how long it is (both braces included), and the code inside.</summary>
    internal readonly record struct Placeholder(int Index, int Length, string Code);

    /// <summary>
    /// The <c>${…}</c> of <paramref name="text"/>, each closed by the brace that balances its opening, not by the first one met:
    /// « ${ status == '}' } » and « ${ ({ a: 1 }).a } » are whole expressions. Braces inside quotes, comments, template literals
    /// and regular expressions do not count, nor do quotes inside comments and regular expressions (« ${/"/.test(x)} »). Sets
    /// <paramref name="unterminated"/> when a <c>${</c> is never closed.
    /// </summary>
    internal static List<Placeholder> Placeholders(string text, out bool unterminated)
    {
        var found = new List<Placeholder>();
        unterminated = false;
        for (var start = text.IndexOf("${", StringComparison.Ordinal); start >= 0; start = text.IndexOf("${", start, StringComparison.Ordinal))
        {
            var end = ScanEnd(text, start);
            // A slash may open a regular expression, whose quotes and braces are not code; only JavaScript's own tokenizer tells it
            // from a division, so it reads the expressions that hold one (few do; the scan above is cheaper).
            if (text.AsSpan(start + 2, (end < 0 ? text.Length : end) - start - 2).Contains('/') && TokenEnd(text, start) is { } tokenized)
                end = tokenized;
            if (end < 0)
            {
                unterminated = true;
                break;
            }
            found.Add(new Placeholder(start, end - start + 1, text[(start + 2)..end]));
            start = end + 1;
        }
        return found;
    }

    /// <summary>The index of the brace closing the <c>${</c> at <paramref name="start"/>, skipping quotes and comments; -1 when none does.</summary>
    private static int ScanEnd(string text, int start)
    {
        var (depth, quote) = (0, '\0');
        for (var i = start + 2; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\') i++;
                else if (c == quote) quote = '\0';
            }
            // A comment's quotes and braces are not code: « // l'admission » opens no string.
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
                i = text.IndexOf('\n', i) is var lineEnd and >= 0 ? lineEnd : text.Length;
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
                i = text.IndexOf("*/", i + 2, StringComparison.Ordinal) is var commentEnd and >= 0 ? commentEnd + 1 : text.Length;
            else if (c is '\'' or '"' or '`') quote = c;
            else if (c == '{') depth++;
            else if (c == '}' && depth-- == 0) return i;
        }
        return -1;
    }

    /// <summary>
    /// As <see cref="ScanEnd"/>, by JavaScript's tokens (Acornima's tokenizer): -1 when the text ends first, null when the code does
    /// not tokenize (the scan's answer stands, and parsing the code then names the fault).
    /// </summary>
    private static int? TokenEnd(string text, int start)
    {
        try
        {
            var tokenizer = new Acornima.Tokenizer(text, start + 2, text.Length - start - 2, Acornima.SourceType.Script, null,
                new Acornima.TokenizerOptions { Tolerant = false });
            var context = new Acornima.TokenizerContext();
            for (var depth = 0; ;)
            {
                var token = tokenizer.GetToken(context);
                if (token.Kind == Acornima.TokenKind.EOF) return -1;
                if (token.Kind != Acornima.TokenKind.Punctuator) continue;
                var punctuator = text.AsSpan(token.Start, token.End - token.Start);
                if (punctuator is "{" or "${") depth++;
                else if (punctuator is "}" && depth-- == 0) return token.Start;
            }
        }
        catch (Acornima.ParseErrorException)
        {
            return null;
        }
    }

    /// <summary>
    /// What an expression must contain to reach a guarded built-in: its name, a computed member (<c>[…]</c>), an escape that
    /// spells a name differently (<c>\u0065</c>), or a way to reflect on objects. Most conditions (<c>${decision === 'admit'}</c>)
    /// contain none of these and skip installing the guards, which costs as much as the expression itself.
    /// </summary>
    [GeneratedRegex(@"[\[\\]|\b(?:repeat|padStart|padEnd|replace|replaceAll|Reflect|Object|Function|eval|globalThis|constructor|prototype|__proto__|__lookupGetter__|this|String|apply|call|bind|Proxy|with|Atomics|SharedArrayBuffer|ShadowRealm)\b")]
    private static partial Regex MayReachGuardedBuiltIns();

    /// <summary>Whether <paramref name="text"/> holds a <c>${…}</c> placeholder (an attribute value to evaluate rather than take as written).</summary>
    public static bool IsExpression(string? text) => text is not null && text.Contains("${", StringComparison.Ordinal);

    /// <summary>Returns null when every <c>${…}</c> in <paramref name="text"/> parses, else the reason.</summary>
    public static string? Check(string text)
    {
        var placeholders = Placeholders(text, out var unterminated);
        foreach (var placeholder in placeholders)
        {
            if (string.IsNullOrWhiteSpace(placeholder.Code)) return Validation.ReasonText.Format(Validation.Reasons.SyntaxError, "${}");
            // Parsed but not kept: validating a definition must not push the running ones' expressions out of the cache.
            try { Parse(placeholder.Code); }
            catch (ExpressionException e) { return e.Reason; }
        }
        return unterminated ? Validation.ReasonText.Format(Validation.Reasons.UnterminatedExpression) : null;
    }

    /// <summary>A whole-string <c>${expr}</c> yields the raw value; text with embedded placeholders yields a string.</summary>
    public static object? Evaluate(string text, JsonObject variables)
    {
        var placeholders = Placeholders(text, out _);
        if (placeholders.Count == 0) return text;
        if (placeholders.Count == 1 && placeholders[0].Index == 0 && placeholders[0].Length == text.Length)
            return Run(placeholders[0].Code, variables);
        var result = new System.Text.StringBuilder();
        var copied = 0;
        foreach (var placeholder in placeholders)
        {
            result.Append(text, copied, placeholder.Index - copied).Append(Text(Run(placeholder.Code, variables)));
            copied = placeholder.Index + placeholder.Length;
        }
        return result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// <paramref name="text"/> with each <c>${…}</c> replaced by its value as text (see <see cref="EvaluateString"/>), where every one
    /// must yield something: a timer value such as <c>R${reminders}/PT1H</c> read with <c>reminders</c> null would otherwise become
    /// <c>R/PT1H</c>, an unbounded cycle, in silence. A text without placeholder is returned as written.
    /// </summary>
    /// <exception cref="ExpressionException">A placeholder yields nothing (null, undefined) or an empty text, naming it; or it fails.</exception>
    internal static string EvaluateWholeText(string text, JsonObject variables)
    {
        var result = new System.Text.StringBuilder();
        var copied = 0;
        foreach (var placeholder in Placeholders(text, out _))
        {
            var value = Run(placeholder.Code, variables);
            if (value is null or "")
                throw new ExpressionException(text[placeholder.Index..(placeholder.Index + placeholder.Length)],
                    $"it yields {(value is null ? "nothing (null or undefined)" : "an empty text")}, and the value would be read without it");
            result.Append(text, copied, placeholder.Index - copied).Append(Text(value));
            copied = placeholder.Index + placeholder.Length;
        }
        return result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// The value of a condition's single <c>${…}</c> (<paramref name="text"/>, its shape already checked), its operands read strictly
    /// (<see cref="StrictConditions"/>); errors quote the code as written.
    /// </summary>
    internal static object? RunCondition(string text, JsonObject variables)
    {
        var code = Placeholders(text, out _)[0].Code;
        Prepare(code); // a syntax error or an assignment is named in the author's code, not in its strict form
        var strict = StrictConditions.Of(code);
        return Run(strict, variables, StrictConditions.NeedsHelpers(strict), code);
    }

    /// <summary>See <see cref="ConditionExpression.Evaluate"/>: only a boolean is a condition's value.</summary>
    public static bool EvaluateCondition(string text, JsonObject variables) => ConditionExpression.Evaluate(text, variables);

    /// <summary>
    /// <see cref="Evaluate"/>, then the value as text: a string as it is, a number in invariant culture, a date in ISO 8601; null when the
    /// expression yields nothing (<c>null</c>, <c>undefined</c>).
    /// </summary>
    /// <exception cref="ExpressionException">The text does not parse, assigns, runs too long, or reads an unknown name; the message quotes it.</exception>
    public static string? EvaluateString(string text, JsonObject variables) => Evaluate(text, variables) is { } value ? Text(value) : null;

    /// <summary>
    /// A value as text, the same whether it is the whole value or one placeholder among text (<c>R3/${start}/P1D</c>): a date in
    /// ISO 8601 (UTC), a number and a boolean as JavaScript writes them (<c>1.5</c>, <c>0.00001</c>, <c>true</c>), never in the server's culture;
    /// null is empty.
    /// </summary>
    internal static string Text(object? value) => value switch
    {
        null => "",
        DateTimeOffset date => date.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        double d => Jint.Runtime.TypeConverter.ToString(d), // « 0.00001 », « 1e+21 », as JavaScript writes numbers
        bool b => b ? "true" : "false",
        var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    private static Prepared<Script> Prepare(string code) => Prepared.GetOrAdd(code, Parse);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<string>?> Read = new(StringComparer.Ordinal);

    /// <summary>
    /// The names the code reads (<see cref="ReadNames.In"/>: its identifiers but property names), so that only those variables
    /// are handed to the engine: an instance holds dozens, each parsed into JavaScript at every evaluation, and a condition reads a
    /// few. Null (every variable) when the code could reach one otherwise than by its name (<c>globalThis['a' + 'ge']</c>,
    /// <c>this.age</c>, <c>eval</c>, an escape), as <see cref="MayReachGuardedBuiltIns"/> tells.
    /// </summary>
    /// <param name="code">The code run (a condition's strict form).</param>
    /// <param name="written">The code as its author wrote it, which tells whether it could reach a variable otherwise (the strict
    /// form quotes it in JSON, whose escapes would always look like one).</param>
    /// <param name="script">The prepared <paramref name="code"/>.</param>
    private static HashSet<string>? NamesRead(string code, string written, Prepared<Script> script)
    {
        if (Read.TryGetValue(code, out var known)) return known;
        HashSet<string>? names = null;
        if (!MayReachGuardedBuiltIns().IsMatch(written) && script.Program is { } program)
            names = new HashSet<string>(ReadNames.In(program), StringComparer.Ordinal);
        if (Read.Count >= CacheCapacity) Read.Clear();
        return Read[code] = names;
    }

    private static Prepared<Script> Parse(string code)
    {
        try
        {
            // One expression, not a script: « ${level > 5; true} » or « ${var level = 10; level > 5} », statements a condition would
            // silently end on, do not parse, nor does « ${false) || (true} », and « ${ {vote: vote} } » is an object, not a block
            // holding a label. Positions in the syntax error are the author's. It then runs in parentheses, whose line breaks keep a
            // trailing « // comment » from swallowing the closing one.
            new Acornima.Parser().ParseExpression(code, null, true);
            var expression = "(\n" + code + "\n)";
            var prepared = Jint.Engine.PrepareScript(expression, options: new ScriptPreparationOptions { ParsingOptions = new ScriptParsingOptions { Tolerant = false } });
            // An expression reads the instance's variables, never changes them: « ${urgent = true} », a slip for « == », would be
            // true whatever urgent holds, and send every person down the urgent path.
            if (prepared.Program is { } program && Writes(program, expression) is { } write)
                throw new ExpressionException(code, Validation.ReasonText.Format(Validation.Reasons.ExpressionAssigns, write));
            return prepared;
        }
        catch (Exception e) when (e is not ExpressionException)
        {
            throw new ExpressionException(code, Validation.ReasonText.Format(Validation.Reasons.SyntaxError, e.Message), e);
        }
    }

    /// <summary>The first assignment (<c>=</c>, <c>+=</c>…) or increment (<c>++</c>, <c>--</c>) in <paramref name="node"/>, as written; null when none.</summary>
    private static string? Writes(Acornima.Ast.Node node, string code)
    {
        if (node is Acornima.Ast.AssignmentExpression or Acornima.Ast.UpdateExpression) return code[node.Range.Start..node.Range.End].Trim();
        foreach (var child in node.ChildNodes)
            if (Writes(child, code) is { } write) return write;
        return null;
    }

    /// <param name="code">The code to run.</param>
    /// <param name="variables">The variables it reads.</param>
    /// <param name="conditionChecks">Whether to install <see cref="StrictConditions"/>' checks first (a rewritten condition calls them).</param>
    /// <param name="written">The code as its author wrote it, quoted by errors (the rewritten condition's own text means nothing to them).</param>
    private static object? Run(string code, JsonObject variables, bool conditionChecks = false, string? written = null)
    {
        var script = Prepare(code);
        var shown = written ?? code;
        var engine = new Jint.Engine(options =>
        {
            options.Strict()
                .LimitRecursion(64)
                .MaxStatements(10_000)
                .LimitMemory(MemoryLimit)
                .TimeoutInterval(Timeout)
                .RegexTimeoutInterval(RegexTimeout);
            options.Constraints.MaxArraySize = MaxArraySize;
            options.TimeSystem = ExpressionTime.System;
        });
        try
        {
            // What the code may reach is read in its author's text: a condition's strict form adds only calls to its checks and the
            // operands' texts as JSON strings, whose escapes (« \u0027 » for a quote) would look like an attempt on every condition.
            var mayReach = MayReachGuardedBuiltIns().IsMatch(shown);
            if (mayReach) engine.Execute(StringGuards);
            if (conditionChecks) StrictConditions.Install(engine, code);
            // Also when the code could reach Date without naming it (globalThis['Da' + 'te'], \u0044ate).
            if (mayReach || NamesDate().IsMatch(shown)) LocalDateParts.Install(engine);
            var parser = new JsonParser(engine);
            var read = NamesRead(code, written ?? code, script);
            foreach (var (name, node) in variables)
                if (read is null || read.Contains(name))
                    engine.SetValue(name, node is null ? JsValue.Null : parser.Parse(node.ToJsonString()));
            return ToClr(engine.Evaluate(script), shown);
        }
        catch (JavaScriptException e)
        {
            throw new ExpressionException(shown, e.Error.ToString(), e);
        }
        catch (StrictConditions.OperandException e)
        {
            throw new ExpressionException(shown, e.Message, e);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new ExpressionException(shown, $"a regular expression ran longer than {RegexTimeout.TotalMilliseconds} ms, beyond the sandbox limit", e);
        }
        catch (MemoryLimitExceededException e)
        {
            throw new ExpressionException(shown, $"allocated more than {MemoryLimit / 1_000_000} MB, beyond the sandbox limit", e);
        }
        catch (TimeoutException e)
        {
            throw new ExpressionException(shown, $"ran longer than {Timeout.TotalSeconds} s, beyond the sandbox limit", e);
        }
        catch (Exception e) when (e is StatementsCountOverflowException or RecursionDepthOverflowException)
        {
            throw new ExpressionException(shown, "exceeded its sandbox limits (" + e.GetType().Name + ")", e);
        }
        catch (Exception e) when (e is not ExpressionException)
        {
            throw new ExpressionException(shown, e.Message, e);
        }
    }

    private static object? ToClr(JsValue value, string code)
    {
        if (value.IsNull() || value.IsUndefined()) return null;
        if (value.IsBoolean()) return value.AsBoolean();
        if (value.IsNumber()) return value.AsNumber();
        if (value.IsString()) return value.AsString();
        if (value is JsDate date)
        {
            // An invalid date, or one beyond the years a timer or a variable holds, said in words rather than as a bare RangeError.
            if (double.IsNaN(date.DateValue)) throw new ExpressionException(code, "it yields an invalid date (Invalid Date)");
            if (date.DateValue is < -62_135_596_800_000 or > 253_402_300_799_999)
                throw new ExpressionException(code, "it yields a date outside the years 1 to 9999");
            return DateTimeOffset.FromUnixTimeMilliseconds((long)date.DateValue);
        }
        // A BigInt as JavaScript writes it (« 3 »), not as .NET's BigInteger serialises its properties.
        if (value.IsBigInt()) return TypeConverter.ToString(value);
        // A function or a symbol is code, not a value a condition, a timer or a variable can hold.
        if (value is Jint.Native.Function.Function) throw new ExpressionException(code, "it yields a function, not a value (call it, or name a variable)");
        if (value.IsSymbol()) throw new ExpressionException(code, "it yields a symbol, not a value");
        var json = value.ToObject();
        try
        {
            return json is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(json);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new ExpressionException(code, "it yields a value that is not data (a function inside an object, say)", e);
        }
    }
}
