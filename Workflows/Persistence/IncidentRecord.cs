namespace Orchestrator.Workflows.Persistence;

/// <summary>A step that failed in the background (a timer or a message): the step was rolled back, this says why.</summary>
public sealed class IncidentRecord
{
    /// <summary>The incident's id (ordered by creation time).</summary>
    public Guid Id { get; set; }
    /// <summary>The instance whose step failed.</summary>
    public Guid InstanceId { get; set; }
    /// <summary>The element the step failed at; null when not known.</summary>
    public string? ElementId { get; set; }
    /// <summary>The bookmark whose resumption failed, to retry it.</summary>
    public Guid? BookmarkId { get; set; }
    /// <summary>The last failure's exception message.</summary>
    public string Message { get; set; } = "";
    /// <summary>The last failure's full exception text (type, message, stack trace).</summary>
    public string? Detail { get; set; }
    /// <summary>When the first failure was recorded (UTC instant).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the incident was resolved (UTC instant); null while it stands.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>How many times the step has failed; automatic timer retries stop at <see cref="Engine.WorkflowOptions.AutomaticTimerAttempts"/>.</summary>
    public int Attempts { get; set; }
}
