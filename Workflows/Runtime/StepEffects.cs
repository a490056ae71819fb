using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Runtime;

/// <summary>What a step leaves to do once it has committed: timers to (un)schedule, messages to deliver, events to hand over.</summary>
public sealed class StepEffects
{
    public List<ScheduledTimer> TimersToSchedule { get; } = new();
    public List<ScheduledTimer> TimersToCancel { get; } = new();
    /// <summary>Messages thrown during the step, delivered to their catchers after commit.</summary>
    public List<PendingMessageRecord> MessagesThrown { get; } = new();
    /// <summary>Stored messages this step has delivered: each is consumed once, even by a catch that re-arms in the same step.</summary>
    public HashSet<Guid> MessagesConsumed { get; } = new();
    /// <summary>Signals thrown during the step, broadcast after commit to every catch waiting for them.</summary>
    public List<string> SignalsThrown { get; } = new();
    public bool WroteOutbox { get; set; }
    public int ElementsExecuted { get; set; }
}
