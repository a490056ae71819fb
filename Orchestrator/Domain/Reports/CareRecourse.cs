namespace Orchestrator.Domain.Reports;

/// <summary>
/// One coded recourse to outside care for a person during an episode (an appointment, an accompaniment, a medical
/// transport, a call to the 15, an emergency transfer), recorded in one click from the person page. It carries no
/// free text: it is counted, never read as a note.
/// </summary>
public sealed class CareRecourse
{
    /// <summary>The recourse's id.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>The person who had recourse to care.</summary>
    public Guid PersonId { get; init; }
    /// <summary>The episode it happened in.</summary>
    public Guid EpisodeId { get; init; }
    /// <summary>The structure whose team recorded it: the one whose report counts it.</summary>
    public Guid StructureId { get; init; }
    /// <summary>Which kind of recourse.</summary>
    public CareRecourseKind Kind { get; init; }
    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset At { get; init; }
    /// <summary>The staff member who recorded it.</summary>
    public Guid RecordedBy { get; init; }
}
