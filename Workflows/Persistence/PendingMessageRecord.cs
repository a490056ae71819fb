namespace Orchestrator.Workflows.Persistence;

/// <summary>A message that arrived before anything waited for it; delivered when a matching catch appears.</summary>
public sealed class PendingMessageRecord
{
    /// <summary>The message's id.</summary>
    public Guid Id { get; set; }
    /// <summary>The message name.</summary>
    public string Name { get; set; } = "";
    /// <summary>The correlation key it was published with; null for an uncorrelated message.</summary>
    public string? CorrelationKey { get; set; }
    /// <summary>The message's variables as a JSON object.</summary>
    public string Payload { get; set; } = "{}";
    /// <summary>When it was published (UTC instant).</summary>
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>When it stops being deliverable (UTC instant: published + its time to live); null to keep it until it is delivered.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
