namespace Orchestrator.Workflows.Persistence;

/// <summary>A step that failed in the background (a timer or a message): the step was rolled back, this says why.</summary>
public sealed class IncidentRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string? ElementId { get; set; }
    /// <summary>The bookmark whose resumption failed, to retry it.</summary>
    public Guid? BookmarkId { get; set; }
    public string Message { get; set; } = "";
    public string? Detail { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public int Attempts { get; set; }
}
