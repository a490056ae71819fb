namespace Orchestrator.Workflows.Persistence;

/// <summary>An event written in the same transaction as the step that caused it, handed to the host after commit.</summary>
public sealed class OutboxRecord
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public string Type { get; set; } = "";
    public string Payload { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
}
