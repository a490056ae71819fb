namespace Orchestrator.Workflows.Persistence;

/// <summary>A point where an instance waits. Resuming one is the only way a waiting instance moves.</summary>
public sealed class BookmarkRecord
{
    /// <summary>The bookmark's id; for a user task, also the <see cref="HumanTaskRecord.Id"/>.</summary>
    public Guid Id { get; set; }
    /// <summary>The waiting instance; empty for a process-level timer start (see <see cref="DefinitionId"/>).</summary>
    public Guid InstanceId { get; set; }
    /// <summary>The token that waits (on the activity, the event-based gateway or the sub-process).</summary>
    public int TokenId { get; set; }
    /// <summary>The element whose event this is: the task itself, a boundary event, or an event after a gateway.</summary>
    public string ElementId { get; set; } = "";
    /// <summary>What the token waits for.</summary>
    public BookmarkKind Kind { get; set; }
    /// <summary>A message bookmark's message name; null for other kinds.</summary>
    public string? MessageName { get; set; }
    /// <summary>A message bookmark's evaluated correlation key; null when the message is not correlated.</summary>
    public string? CorrelationKey { get; set; }
    /// <summary>A timer bookmark's next due time (UTC instant, computed in the configured zone's wall-clock); null for other kinds.</summary>
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>Repetitions a timer cycle still owes after this one; -1 for an unbounded cycle.</summary>
    public int? CycleRemaining { get; set; }
    /// <summary>A timer cycle's state (<see cref="Timing.TimerPlan.CycleState"/>), to compute the next occurrence; null for non-cycles.</summary>
    public string? CycleInterval { get; set; }
    /// <summary>When the bookmark was armed (UTC instant).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// Set only for a process-level timer start event: firing it starts a new instance of this definition
    /// version, and <see cref="InstanceId"/> is empty because no instance exists yet.
    /// </summary>
    public Guid? DefinitionId { get; set; }
}
