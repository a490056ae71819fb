namespace Orchestrator.Workflows.Expressions;

/// <summary>An expression that does not parse, throws, or exceeds its time or memory budget.</summary>
public sealed class ExpressionException(string expression, string reason, Exception? inner = null)
    : Exception($"Expression '{expression}' failed: {reason}", inner)
{
    public string Expression { get; } = expression;
    public string Reason { get; } = reason;
}
