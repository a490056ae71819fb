namespace Orchestrator.Workflows.Expressions;

/// <summary>An expression that does not parse, throws, or exceeds its time or memory budget.</summary>
public sealed class ExpressionException(string expression, string reason, Exception? inner = null)
    : Exception($"Expression '{expression}' failed: {reason}", inner)
{
    /// <summary>The expression as written in the definition.</summary>
    public string Expression { get; } = expression;
    /// <summary>Why it failed, without the expression.</summary>
    public string Reason { get; } = reason;
}
