namespace Orchestrator.Workflows.Extensibility;

/// <summary>
/// Thrown by an activity to raise a BPMN error the model handles: a boundary error event with this
/// <see cref="Code"/> (or a catch-all one) on the service task or an enclosing sub-process or call activity takes
/// over. An error nothing catches fails the step like any other failure (an incident naming the service task).
/// </summary>
public sealed class BpmnErrorException(string code, string message) : Exception(message)
{
    /// <summary>The <c>errorCode</c> of the <c>bpmn:error</c> the model catches.</summary>
    public string Code { get; } = code;
}
