namespace Orchestrator.Domain.People;

/// <summary>A note in the person's record; medical notes are shown to care staff (doctor, nurse) only.</summary>
public sealed class CareNote
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PersonId { get; init; }
    public Guid EpisodeId { get; init; }
    public Guid AuthorId { get; init; }
    public bool Medical { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset At { get; init; }
}
