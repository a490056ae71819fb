namespace Orchestrator.Domain.Pathways;

/// <summary>A person's journey across structures: the episodes in order, linked by handoffs.</summary>
public sealed class Pathway
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PersonId { get; init; }
    public DateTimeOffset OpenedAt { get; init; }
}
