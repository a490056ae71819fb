namespace Orchestrator.Workflows.Persistence;

/// <summary>One version of a definition. Published versions are never edited: a change is a new version.</summary>
public sealed class WorkflowDefinitionRecord
{
    public Guid Id { get; set; }
    /// <summary>The BPMN process id; versions of one definition share it.</summary>
    public string Key { get; set; } = "";
    public string? Name { get; set; }
    public int Version { get; set; }
    public DefinitionState State { get; set; }
    public string Xml { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public string? CreatedBy { get; set; }
}
