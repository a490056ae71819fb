namespace Orchestrator.Workflows.Persistence;

/// <summary>A user task as people see it. Its id is the id of the bookmark that completing it resumes.</summary>
public sealed class HumanTaskRecord
{
    /// <summary>The task's id, which is also the id of its <see cref="BookmarkRecord"/>.</summary>
    public Guid Id { get; set; }
    /// <summary>The instance the task belongs to.</summary>
    public Guid InstanceId { get; set; }
    /// <summary>The instance's business key (the host's handle, e.g. an episode id), copied for queries; null when the instance has none.</summary>
    public string? BusinessKey { get; set; }
    /// <summary>The BPMN process id of the instance's definition.</summary>
    public string DefinitionKey { get; set; } = "";
    /// <summary>The BPMN id of the user task.</summary>
    public string ElementId { get; set; } = "";
    /// <summary>The task's name as shown to people: its BPMN name, or its id when it has none; an instance of a multi-instance loop adds its item.</summary>
    public string Name { get; set; } = "";
    /// <summary>The staff role that does it (<c>orc:role</c>); null when anyone may.</summary>
    public string? Role { get; set; }
    /// <summary>When the task is due (UTC instant), from <c>orc:dueIn</c>; null when it has no deadline.</summary>
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>Open, completed or cancelled.</summary>
    public HumanTaskStatus Status { get; set; }
    /// <summary>The form fields (JSON) the task may set.</summary>
    public string Fields { get; set; } = "[]";
    /// <summary>The values it was completed with (JSON object); null until completed.</summary>
    public string? Values { get; set; }
    /// <summary>When the task was opened (UTC instant).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When it was completed or cancelled (UTC instant); null while open.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Who completed it, as the host named them; null while open, when cancelled, or when completed by the engine.</summary>
    public string? CompletedBy { get; set; }
}
