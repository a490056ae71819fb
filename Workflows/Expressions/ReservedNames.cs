namespace Orchestrator.Workflows.Expressions;

/// <summary>
/// Names a variable cannot take, because every <c>${…}</c> sees the instance's variables as JavaScript globals: one named <c>Date</c>,
/// <c>Math</c> or <c>JSON</c> would hide the built-in from every expression of the instance (<c>${Date.now()}</c> would fail from then on),
/// one named after a keyword or a read-only global (<c>if</c>, <c>undefined</c>, <c>NaN</c>, <c>__proto__</c>) could never be read, and
/// one named after what every object inherits (<c>valueOf</c>, <c>toString</c>) would read a function while it is not set.
/// </summary>
public static class ReservedNames
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        // The global object's properties (ECMA-262 §19) Jint provides.
        "globalThis", "Infinity", "NaN", "undefined", "eval", "isFinite", "isNaN", "parseFloat", "parseInt", "decodeURI",
        "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "unescape", "AggregateError", "Array", "ArrayBuffer",
        "BigInt", "BigInt64Array", "BigUint64Array", "Boolean", "DataView", "Date", "Error", "EvalError", "FinalizationRegistry",
        "Float16Array", "Float32Array", "Float64Array", "DisposableStack", "AsyncDisposableStack", "SuppressedError", "ShadowRealm", "Atomics", "Function", "Int8Array", "Int16Array", "Int32Array", "Intl", "Iterator", "JSON", "Map", "Math",
        "Number", "Object", "Promise", "Proxy", "RangeError", "ReferenceError", "Reflect", "RegExp", "Set", "SharedArrayBuffer", "String",
        "Symbol", "SyntaxError", "TypeError", "Uint8Array", "Uint8ClampedArray", "Uint16Array", "Uint32Array", "URIError", "WeakMap",
        "WeakRef", "WeakSet", "__proto__",
        // What the global object inherits from Object.prototype: a variable of that name not yet set would read the function.
        "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "valueOf",
        "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
        // Reserved words (§12.7.2), which no expression can name.
        "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export",
        "extends", "false", "finally", "for", "function", "if", "implements", "import", "in", "instanceof", "interface", "let", "new",
        "null", "package", "private", "protected", "public", "return", "static", "super", "switch", "this", "throw", "true", "try",
        "typeof", "var", "void", "while", "with", "yield", "arguments",
    };

    /// <summary>True when <paramref name="name"/> is a built-in global or a reserved word of JavaScript.</summary>
    public static bool Contains(string name) => Names.Contains(name);

    /// <summary>Why a definition may not name a variable <paramref name="name"/>, in the UI culture.</summary>
    internal static string Refusal(string name) => Validation.ReasonText.Format(Validation.Reasons.NameReserved, name);
}
