namespace Orchestrator.Domain.Pathways;

/// <summary>A dated point on the person's timeline (referral, admission, exit, handoff accepted…).</summary>
public sealed class Milestone
{
    /// <summary>Row id, increasing in the order milestones were written.</summary>
    public long Id { get; init; }
    /// <summary>The episode the milestone belongs to.</summary>
    public Guid EpisodeId { get; init; }
    /// <summary>The milestone's code as the definition names it (<c>admission</c>, <c>exit</c>…).</summary>
    public required string Code { get; init; }
    /// <summary>What the timeline shows, in French.</summary>
    public required string Label { get; init; }
    /// <summary>When it was reached (UTC).</summary>
    public DateTimeOffset At { get; init; }
}
