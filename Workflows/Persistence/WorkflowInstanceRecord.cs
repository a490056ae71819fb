namespace Orchestrator.Workflows.Persistence;

/// <summary>An instance's row (<c>wf_instances</c>): its definition version, business key, status, variables and tokens (JSON), and row version.</summary>
public sealed class WorkflowInstanceRecord
{
    public Guid Id { get; set; }
    public Guid DefinitionId { get; set; }
    public string DefinitionKey { get; set; } = "";
    public int DefinitionVersion { get; set; }
    /// <summary>The host's handle on the instance (an episode id, for example).</summary>
    public string? BusinessKey { get; set; }
    public InstanceStatus Status { get; set; }
    /// <summary>Instance variables as a JSON object.</summary>
    public string Variables { get; set; } = "{}";
    /// <summary>Tokens as JSON; see <c>Runtime.InstanceState</c>.</summary>
    public string State { get; set; } = "{}";
    /// <summary>Set when a call activity started this instance.</summary>
    public Guid? ParentInstanceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Optimistic concurrency: every committed step increments it.</summary>
    public int Version { get; set; }
}
