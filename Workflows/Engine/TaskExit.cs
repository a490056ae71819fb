namespace Orchestrator.Workflows.Engine;

/// <summary>
/// A way out of an open user task other than its completion, drawn on the task as a boundary event: a BPMN error (the case cannot go
/// on this way: the task is cancelled and the error's path taken) or a BPMN escalation (someone above must know: the escalation's path
/// is taken, and the task stays open when the event does not interrupt).
/// </summary>
/// <param name="Kind">Error or escalation.</param>
/// <param name="Code">The <c>errorCode</c> or <c>escalationCode</c> the boundary event catches, which the person's choice throws.</param>
/// <param name="Label">What the screens call it: the boundary event's name, else its code.</param>
/// <param name="Interrupting">Whether the task ends (always for an error; for an escalation, unless the event has <c>cancelActivity="false"</c>).</param>
public sealed record TaskExit(TaskExitKind Kind, string Code, string Label, bool Interrupting);

/// <summary>The two kinds of <see cref="TaskExit"/>.</summary>
public enum TaskExitKind
{
    /// <summary>A boundary error event (BPMN 2.0 §10.5.4): thrown with <see cref="WorkflowEngine.ThrowTaskErrorAsync"/>.</summary>
    Error,
    /// <summary>A boundary escalation event (BPMN 2.0 §10.5.3): raised with <see cref="WorkflowEngine.ThrowTaskEscalationAsync"/>.</summary>
    Escalation,
}
