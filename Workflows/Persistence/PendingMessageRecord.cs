namespace Orchestrator.Workflows.Persistence;

/// <summary>A message that arrived before anything waited for it; delivered when a matching catch appears.</summary>
public sealed class PendingMessageRecord
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string? CorrelationKey { get; set; }
    public string Payload { get; set; } = "{}";
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}
