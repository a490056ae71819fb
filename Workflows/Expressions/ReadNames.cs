using System.Collections.Concurrent;
using Acornima;
using Acornima.Ast;

namespace Orchestrator.Workflows.Expressions;

/// <summary>The variables a text's <c>${…}</c> expressions read, as JavaScript names them (a property's name is not one).</summary>
internal static class ReadNames
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Known = new(StringComparer.Ordinal);

    /// <summary>
    /// The names <paramref name="text"/>'s expressions read, in order of first use, without duplicates: <c>${vote == 'yes' &amp;&amp; site.open}</c>
    /// reads <c>vote</c> and <c>site</c>. A name an arrow function declares is counted too (a local of that name is harmless); an
    /// expression that does not parse reads nothing (evaluating it names the syntax error).
    /// </summary>
    public static IReadOnlyList<string> Of(string text)
    {
        if (Known.TryGetValue(text, out var known)) return known;
        var names = new List<string>();
        foreach (var placeholder in ExpressionEvaluator.Placeholders(text, out _))
        {
            Node root;
            try { root = new Parser().ParseExpression(placeholder.Code, null, true); }
            catch (ParseErrorException) { continue; }
            foreach (var name in In(root))
                if (!names.Contains(name)) names.Add(name);
        }
        if (Known.Count >= ExpressionEvaluator.CacheCapacity) Known.Clear();
        return Known[text] = names;
    }

    /// <summary>
    /// The names the syntax tree <paramref name="root"/> reads, in source order, repeated as often as they are read: every identifier
    /// but a property's name (<c>site.open</c> reads <c>site</c>; <c>{ a: 1 }</c> names a key, <c>{ a }</c> reads <c>a</c>).
    /// </summary>
    public static IEnumerable<string> In(Node root)
    {
        var pending = new Stack<Node>([root]);
        while (pending.TryPop(out var node))
        {
            if (node is Identifier identifier)
            {
                yield return identifier.Name;
                continue;
            }
            foreach (var child in node.ChildNodes.Reverse())
            {
                if (node is MemberExpression { Computed: false } member && child == member.Property) continue;
                if (node is Property { Computed: false, Shorthand: false } property && child == property.Key) continue;
                pending.Push(child);
            }
        }
    }
}
