namespace Orchestrator.Domain.Pathways;

/// <summary>A dated point on the person's timeline (referral, admission, exit, handoff accepted…).</summary>
public sealed class Milestone
{
    public long Id { get; init; }
    public Guid EpisodeId { get; init; }
    public required string Code { get; init; }
    public required string Label { get; init; }
    public DateTimeOffset At { get; init; }
}
