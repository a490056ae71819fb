namespace Orchestrator.Domain.Audit;

/// <summary>One read or change of personal data: who, when, what, about whom. Never deleted by the application.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public Guid? ActorId { get; init; }
    public required string Action { get; init; }
    public Guid? PersonId { get; init; }
    public string? Detail { get; init; }
}
