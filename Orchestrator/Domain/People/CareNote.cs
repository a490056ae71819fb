namespace Orchestrator.Domain.People;

/// <summary>A note in the person's record; medical notes are shown to care staff (doctor, nurse) only.</summary>
public sealed class CareNote
{
    /// <summary>The note's id.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>The person the note is about.</summary>
    public Guid PersonId { get; init; }
    /// <summary>The episode it was written in.</summary>
    public Guid EpisodeId { get; init; }
    /// <summary>The staff member who wrote it.</summary>
    public Guid AuthorId { get; init; }
    /// <summary>A medical note: readable by care staff only (CSP L1110-4).</summary>
    public bool Medical { get; init; }
    /// <summary>The note, as written.</summary>
    public required string Text { get; init; }
    /// <summary>When it was written (UTC).</summary>
    public DateTimeOffset At { get; init; }
}
