namespace Orchestrator.Domain.Audit;

/// <summary>One read or change of personal data: who, when, what, about whom. Never deleted by the application.</summary>
public sealed class AuditEntry
{
    /// <summary>Row id, increasing in the order entries were written.</summary>
    public long Id { get; init; }
    /// <summary>When the read or change happened (UTC).</summary>
    public DateTimeOffset At { get; init; }
    /// <summary>The staff member who acted; null when the system did (a background job, the pathway).</summary>
    public Guid? ActorId { get; init; }
    /// <summary>What was done, as a dotted code (e.g. <c>person.archived</c>).</summary>
    public required string Action { get; init; }
    /// <summary>The person whose data it was; null when the action concerns no one person.</summary>
    public Guid? PersonId { get; init; }
    /// <summary>Detail for the auditor (an alert type, a task, a refusal's reason); null for none.</summary>
    public string? Detail { get; init; }
}
