namespace Orchestrator.Workflows.Model;

/// <summary>The BPMN element families the engine executes. Anything else is rejected at validation.</summary>
public enum ElementKind
{
    /// <summary>Where a process or sub-process begins (plain, message, timer, signal… start).</summary>
    StartEvent,
    /// <summary>Where a path ends (plain, terminate, error, escalation, signal… end).</summary>
    EndEvent,
    /// <summary>An event a token waits at on its path: a message, timer, signal, link or condition.</summary>
    IntermediateCatchEvent,
    /// <summary>An event a token throws on its path and passes: a message, signal, escalation, link, or none.</summary>
    IntermediateThrowEvent,
    /// <summary>An event attached to an activity, caught while that activity waits.</summary>
    BoundaryEvent,
    /// <summary>A task a staff member does in a form (a human task).</summary>
    UserTask,
    /// <summary>A task an activity of the catalog runs within the step (<c>orc:activity</c>).</summary>
    ServiceTask,
    /// <summary>A task that sends a message: it throws its message, as an intermediate throw event does, and passes.</summary>
    SendTask,
    /// <summary>A task that waits for a message.</summary>
    ReceiveTask,
    /// <summary>A task done outside the system; passed through.</summary>
    ManualTask,
    /// <summary>An untyped BPMN task; passed through.</summary>
    Task,
    /// <summary>Takes the first outgoing flow whose condition holds, else the default flow.</summary>
    ExclusiveGateway,
    /// <summary>Forks a token on every outgoing flow; joins by waiting for every incoming one.</summary>
    ParallelGateway,
    /// <summary>Forks on every outgoing flow whose condition holds; joins the paths that were taken.</summary>
    InclusiveGateway,
    /// <summary>Waits for the first of the events that follow it (message, timer, signal…) and takes its path.</summary>
    EventBasedGateway,
    /// <summary>An embedded sub-process, or an event sub-process when triggered by an event.</summary>
    SubProcess,
    /// <summary>Starts an instance of another definition (<c>calledElement</c>) and waits for it to end.</summary>
    CallActivity,
}
