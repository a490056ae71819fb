using Acornima.Ast;
using Jint;

namespace Orchestrator.Workflows.Expressions;

/// <summary>
/// The parsed form of the expressions evaluated most recently, so that a condition evaluated at every
/// step is parsed once. Bounded: it holds at most <see cref="Capacity"/> expressions and forgets the
/// least recently used one first, so that validating many or large definitions cannot grow the process
/// for ever (a prepared expression costs a few kilobytes).
/// </summary>
internal sealed class PreparedScripts(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Code, Prepared<Script> Script)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Code, Prepared<Script> Script)> _recency = new();
    private readonly Lock _lock = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), "at least one expression");

    public int Count { get { lock (_lock) return _index.Count; } }

    /// <summary>The prepared <paramref name="code"/>, parsed by <paramref name="prepare"/> when it is not held (outside the lock: parsing may throw).</summary>
    public Prepared<Script> GetOrAdd(string code, Func<string, Prepared<Script>> prepare)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(code, out var hit))
            {
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value.Script;
            }
        }
        var script = prepare(code);
        lock (_lock)
        {
            if (_index.ContainsKey(code)) return script;
            _index[code] = _recency.AddFirst((code, script));
            while (_index.Count > Capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _index.Remove(oldest.Value.Code);
            }
        }
        return script;
    }

    public bool Contains(string code) { lock (_lock) return _index.ContainsKey(code); }
}
