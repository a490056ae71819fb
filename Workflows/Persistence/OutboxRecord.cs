namespace Orchestrator.Workflows.Persistence;

/// <summary>An event written in the same transaction as the step that caused it, handed to the host after commit.</summary>
public sealed class OutboxRecord
{
    /// <summary>Row id, increasing in the order rows were written: the order events are handed over.</summary>
    public long Id { get; set; }
    /// <summary>The instance whose step wrote the event.</summary>
    public Guid InstanceId { get; set; }
    /// <summary>The event type (<see cref="Runtime.WorkflowEvents"/>, or an activity's own, e.g. <c>pathway.risk.flagged</c>).</summary>
    public string Type { get; set; } = "";
    /// <summary>The event's data as a JSON object.</summary>
    public string Payload { get; set; } = "{}";
    /// <summary>When the step wrote it (UTC instant).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
