namespace Orchestrator.Workflows.Model;

/// <summary>What an event waits for or throws (its event definition).</summary>
public enum EventTrigger
{
    /// <summary>No event definition: a plain start, end or throw event.</summary>
    None,
    /// <summary>A BPMN message, correlated by name and correlation key.</summary>
    Message,
    /// <summary>A BPMN timer (<see cref="TimerDefinition"/>).</summary>
    Timer,
    /// <summary>A terminate end event: ends every path of its scope at once.</summary>
    Terminate,
    /// <summary>A BPMN error: thrown by an error end event (or a service activity), caught by a boundary error event.</summary>
    Error,
    /// <summary>A BPMN signal: thrown by a throw or end event, broadcast to every catch waiting for its name.</summary>
    Signal,
    /// <summary>
    /// A BPMN escalation: thrown by an intermediate throw or end event, caught by a boundary event of an enclosing
    /// sub-process or call activity (or an event sub-process), interrupting or not; uncaught, it changes nothing (BPMN 2.0 §10.5.3).
    /// </summary>
    Escalation,
    /// <summary>
    /// A BPMN link (BPMN 2.0 §10.5.5, "Link"): an intermediate throw event jumps to the intermediate catch event of the same
    /// name in the same process level or sub-process, as an off-page connector does on a large diagram.
    /// </summary>
    Link,
    /// <summary>
    /// A BPMN conditional event (BPMN 2.0 §10.5.4, "Conditional"): an intermediate catch or boundary event that occurs when
    /// its condition becomes true, looked at when it is armed and after each element a step of its instance runs.
    /// </summary>
    Conditional,
}
