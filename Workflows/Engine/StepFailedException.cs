using Orchestrator.Workflows.Model;

namespace Orchestrator.Workflows.Engine;

/// <summary>
/// Something failed while an element ran (a condition, timer arithmetic, an activity's code): the step is
/// rolled back and the failure names the element. A background step (a timer, a delivered message)
/// turns it into an incident on the element; a step a person started (a task completion) refuses it.
/// </summary>
public sealed class StepFailedException(string code, string elementType, string elementId, string reason, Exception? inner = null)
    : WorkflowException(code, $"{elementType} '{elementId}': {reason}", inner)
{
    /// <summary>The BPMN type of the element at fault (<c>exclusiveGateway</c>, <c>userTask</c>…).</summary>
    public string ElementType { get; } = elementType;
    /// <summary>The BPMN id of the element at fault.</summary>
    public string ElementId { get; } = elementId;
    /// <summary>Why, without the element's name.</summary>
    public string Reason { get; } = reason;

    /// <summary>Wraps whatever <paramref name="error"/> is into a failure of <paramref name="element"/>; one already naming an element is kept.</summary>
    internal static StepFailedException Of(FlowElement element, Exception error) => error switch
    {
        StepFailedException named => named,
        Expressions.ExpressionException e => new StepFailedException("expression", element.BpmnType, element.Id, $"expression {e.Expression} failed: {e.Reason}", e),
        WorkflowException e => new StepFailedException(e.Code, element.BpmnType, element.Id, e.Message, e),
        ArgumentOutOfRangeException or OverflowException => new StepFailedException("out-of-range", element.BpmnType, element.Id,
            // Without .NET's « (Parameter 'start') », which names nothing the author wrote.
            "a date or number went out of range: " + (error is ArgumentException { ParamName: { } name } ? error.Message.Replace($" (Parameter '{name}')", "") : error.Message), error),
        _ => new StepFailedException("step-failed", element.BpmnType, element.Id, error.Message, error),
    };
}
