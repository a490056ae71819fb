namespace Orchestrator.Workflows.Engine;

/// <summary>A request the engine refuses; <see cref="Code"/> lets the host map it to an HTTP status.</summary>
public class WorkflowException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>A short, stable kebab-case code (<c>not-found</c>, <c>invalid-input</c>, <c>call-depth</c>…) the host maps to a status.</summary>
    public string Code { get; } = code;
}
