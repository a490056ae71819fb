using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Runtime;

/// <summary>What a step leaves to do once it has committed: timers to (un)schedule, messages to deliver, events to hand over.</summary>
public sealed class StepEffects
{
    /// <summary>Timer bookmarks armed in the step, to hand to the scheduler after commit.</summary>
    public List<ScheduledTimer> TimersToSchedule { get; } = new();
    /// <summary>Timer bookmarks consumed or cancelled in the step, to take off the scheduler after commit.</summary>
    public List<ScheduledTimer> TimersToCancel { get; } = new();
    /// <summary>Messages thrown during the step, delivered to their catchers after commit.</summary>
    public List<PendingMessageRecord> MessagesThrown { get; } = new();
    /// <summary>Which instance and element threw each message of <see cref="MessagesThrown"/>, to name them if its delivery is refused.</summary>
    public Dictionary<Guid, (Guid InstanceId, string ElementType, string ElementId)> MessageThrowers { get; } = new();
    /// <summary>Stored messages this step has delivered: each is consumed once, even by a catch that re-arms in the same step.</summary>
    public HashSet<Guid> MessagesConsumed { get; } = new();
    /// <summary>
    /// The messages and signals thrown, in the order they were thrown (<see cref="PendingMessageRecord"/> or <see cref="ThrownSignal"/>).
    /// They are handed on after commit in that order, a signal to the other instances' catches (the thrower's heard it in the step):
    /// a called process's last signal reaches its caller's boundary event before the message saying it completed ends the call.
    /// </summary>
    public List<object> ThrownInOrder { get; } = new();
    /// <summary>The bookmarks (catches, tasks, timers) the step created, in every instance it touched, in the order it created them.</summary>
    public List<BookmarkRecord> BookmarksArmed { get; } = new();
    /// <summary>Whether the step wrote to the outbox, so the dispatcher is woken after commit.</summary>
    public bool WroteOutbox { get; set; }
    /// <summary>Elements run so far in the step, checked against <see cref="Engine.WorkflowOptions.MaxElementsPerStep"/>.</summary>
    public int ElementsExecuted { get; set; }
}

/// <summary>
/// A signal thrown in a step: its name, and the instance that threw it, whose own catches already heard it in the step. A called
/// instance that throws while its callers run in the same step (it was started by their call activities and has not waited
/// since) is heard by those callers in the step too: <see cref="CallersListening"/> holds, for each caller, the catches that were
/// listening when it was thrown (element and token: a non-interrupting boundary that hears one signal listens again, under a new
/// bookmark, for the next), which the caller resumes once the callee hands back control, before the call completes.
/// </summary>
public sealed record ThrownSignal(string Name, Guid ThrowerInstanceId)
{
    /// <summary>
    /// How many bookmarks the step had created when the signal was thrown (<see cref="StepEffects.BookmarksArmed"/>): those it creates
    /// afterwards (the catch of a process called after the throw) were not listening, and the broadcast after commit skips them.
    /// </summary>
    public int ArmedBefore { get; init; }

    /// <summary>Each running caller's id, with its catches (element and token) listening for the signal when it was thrown (they hear it in the step).</summary>
    public Dictionary<Guid, List<(string ElementId, int TokenId)>> CallersListening { get; } = new();

    /// <summary>The instances that heard the signal in the step: the thrower and its running callers. The broadcast after commit skips them.</summary>
    public IReadOnlyCollection<Guid> HeardInStep => [ThrowerInstanceId, .. CallersListening.Keys];
}
