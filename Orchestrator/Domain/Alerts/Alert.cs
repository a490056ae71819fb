namespace Orchestrator.Domain.Alerts;

/// <summary>A risk of a break in care, raised by a pathway (or by the orchestrator itself), until someone resolves it.</summary>
public sealed class Alert
{
    /// <summary>The alert's id.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>Concurrency token: raised by every committed change, so two transitions that read the same state cannot both commit.</summary>
    public int Version { get; private set; }
    /// <summary>The episode the risk concerns.</summary>
    public Guid EpisodeId { get; init; }
    /// <summary>The person the risk concerns.</summary>
    public Guid PersonId { get; init; }
    /// <summary>The structure whose team must act.</summary>
    public Guid StructureId { get; init; }
    /// <summary>The risk type code (<c>overstay</c>, <c>no-exit-solution</c>, <c>handoff-expired</c>…).</summary>
    public required string Type { get; init; }
    /// <summary><c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public required string Severity { get; init; }
    /// <summary>What the alert says, in French; null when none was given.</summary>
    public string? Message { get; init; }
    /// <summary>When it was raised (UTC).</summary>
    public DateTimeOffset RaisedAt { get; init; }
    /// <summary>When someone must have acted; an alert past it is overdue.</summary>
    public DateTimeOffset DueAt { get; init; }
    /// <summary>The workflow event that raised it, so a redelivered event does not raise it twice.</summary>
    public long? SourceEventId { get; init; }
    /// <summary>The user task whose completion settles the alert (the DIPC handed over, the renewal decided).</summary>
    public string? ResolvedByTask { get; init; }
    /// <summary>Open, acknowledged or resolved.</summary>
    public AlertState State { get; private set; } = AlertState.Open;
    /// <summary>The staff member who took it up; null until acknowledged.</summary>
    public Guid? AcknowledgedBy { get; private set; }
    /// <summary>When it was taken up (UTC); null until acknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    /// <summary>The staff member who resolved it; null until resolved, or when the pathway resolved it.</summary>
    public Guid? ResolvedBy { get; private set; }
    /// <summary>When it was resolved (UTC); null while not resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }
    /// <summary>How it was resolved, for the boards; null when not said.</summary>
    public string? Resolution { get; private set; }

    /// <summary>Sort order of <see cref="Severity"/>: 0 for high, 1 for medium, 2 for anything else.</summary>
    public int SeverityRank => Severity switch { "high" => 0, "medium" => 1, _ => 2 };

    /// <summary>Takes the alert up: staff member <paramref name="staffId"/> says it is being handled, at <paramref name="at"/> (UTC).</summary>
    /// <exception cref="DomainException">The alert is no longer open (already taken up or resolved).</exception>
    public void Acknowledge(Guid staffId, DateTimeOffset at)
    {
        if (State != AlertState.Open) throw new DomainException("Seule une alerte ouverte peut être prise en compte.");
        State = AlertState.Acknowledged;
        AcknowledgedBy = staffId;
        AcknowledgedAt = at;
    }

    /// <summary>
    /// Resolves the alert at <paramref name="at"/> (UTC), by <paramref name="staffId"/> or, when null, by the pathway itself (the task that
    /// settles it was done); <paramref name="resolution"/> says how, for the boards.
    /// </summary>
    /// <exception cref="DomainException">The alert is already resolved.</exception>
    public void Resolve(Guid? staffId, DateTimeOffset at, string? resolution)
    {
        if (State == AlertState.Resolved) throw new DomainException("L'alerte est déjà résolue.");
        State = AlertState.Resolved;
        ResolvedBy = staffId;
        ResolvedAt = at;
        Resolution = resolution;
    }
}
