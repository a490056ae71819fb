namespace Orchestrator.Workflows.Extensibility;

/// <summary>Names an activity as BPMN files refer to it (<c>orc:activity="…"</c>) and describes it for the designer.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string type, string displayName) : Attribute
{
    public string Type { get; } = type;
    public string DisplayName { get; } = displayName;
    public string? Description { get; init; }
}
