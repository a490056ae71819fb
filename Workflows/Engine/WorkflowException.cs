namespace Orchestrator.Workflows.Engine;

/// <summary>A request the engine refuses; <see cref="Code"/> lets the host map it to an HTTP status.</summary>
public class WorkflowException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
