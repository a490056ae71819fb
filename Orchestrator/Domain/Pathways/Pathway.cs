namespace Orchestrator.Domain.Pathways;

/// <summary>A person's journey across structures: the episodes in order, linked by handoffs.</summary>
public sealed class Pathway
{
    /// <summary>The pathway's id.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>The person whose journey it is.</summary>
    public Guid PersonId { get; init; }
    /// <summary>When the first episode was opened (UTC).</summary>
    public DateTimeOffset OpenedAt { get; init; }
}
