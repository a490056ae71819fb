namespace Orchestrator.Workflows.Persistence;

/// <summary>An instance's row (<c>wf_instances</c>): its definition version, business key, status, variables and tokens (JSON), and row version.</summary>
public sealed class WorkflowInstanceRecord
{
    /// <summary>The instance's id.</summary>
    public Guid Id { get; set; }
    /// <summary>The definition version the instance runs on, for its whole life.</summary>
    public Guid DefinitionId { get; set; }
    /// <summary>That version's key (BPMN process id).</summary>
    public string DefinitionKey { get; set; } = "";
    /// <summary>That version's number.</summary>
    public int DefinitionVersion { get; set; }
    /// <summary>The host's handle on the instance (an episode id, for example).</summary>
    public string? BusinessKey { get; set; }
    /// <summary>Running, completed, terminated or cancelled.</summary>
    public InstanceStatus Status { get; set; }
    /// <summary>Instance variables as a JSON object.</summary>
    public string Variables { get; set; } = "{}";
    /// <summary>Tokens as JSON; see <c>Runtime.InstanceState</c>.</summary>
    public string State { get; set; } = "{}";
    /// <summary>Set when a call activity started this instance.</summary>
    public Guid? ParentInstanceId { get; set; }
    /// <summary>When it started (UTC instant).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When its last step committed (UTC instant).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>When it ended (UTC instant); null while running.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Optimistic concurrency: every committed step increments it.</summary>
    public int Version { get; set; }
}
