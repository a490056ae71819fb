namespace Orchestrator.Workflows.Persistence;

/// <summary>One version of a definition. Published versions are never edited: a change is a new version.</summary>
public sealed class WorkflowDefinitionRecord
{
    /// <summary>The version's id.</summary>
    public Guid Id { get; set; }
    /// <summary>The BPMN process id; versions of one definition share it.</summary>
    public string Key { get; set; } = "";
    /// <summary>The process name from the BPMN; null when it has none.</summary>
    public string? Name { get; set; }
    /// <summary>The version number within its key, from 1.</summary>
    public int Version { get; set; }
    /// <summary>Draft, published or retired.</summary>
    public DefinitionState State { get; set; }
    /// <summary>The BPMN 2.0 XML of the version.</summary>
    public string Xml { get; set; } = "";
    /// <summary>When the version was saved (UTC instant).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When it was published (UTC instant); null for a draft.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>When a newer version replaced it (UTC instant); null unless retired.</summary>
    public DateTimeOffset? RetiredAt { get; set; }
    /// <summary>Who saved it, as the host named them (<c>system</c> for the shipped definitions imported at start); null when not given.</summary>
    public string? CreatedBy { get; set; }
}
