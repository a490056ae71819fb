namespace Orchestrator.Workflows.Persistence;

/// <summary>A user task as people see it. Its id is the id of the bookmark that completing it resumes.</summary>
public sealed class HumanTaskRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string? BusinessKey { get; set; }
    public string DefinitionKey { get; set; } = "";
    public string ElementId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Role { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public HumanTaskStatus Status { get; set; }
    /// <summary>The form fields (JSON) the task may set.</summary>
    public string Fields { get; set; } = "[]";
    public string? Values { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? CompletedBy { get; set; }
}
