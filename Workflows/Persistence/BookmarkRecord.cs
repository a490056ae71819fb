namespace Orchestrator.Workflows.Persistence;

/// <summary>A point where an instance waits. Resuming one is the only way a waiting instance moves.</summary>
public sealed class BookmarkRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    /// <summary>The token that waits (on the activity, the event-based gateway or the sub-process).</summary>
    public int TokenId { get; set; }
    /// <summary>The element whose event this is: the task itself, a boundary event, or an event after a gateway.</summary>
    public string ElementId { get; set; } = "";
    public BookmarkKind Kind { get; set; }
    public string? MessageName { get; set; }
    public string? CorrelationKey { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>Repetitions a timer cycle still owes after this one; -1 for an unbounded cycle.</summary>
    public int? CycleRemaining { get; set; }
    public string? CycleInterval { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// Set only for a process-level timer start event: firing it starts a new instance of this definition
    /// version, and <see cref="InstanceId"/> is empty because no instance exists yet.
    /// </summary>
    public Guid? DefinitionId { get; set; }
}
