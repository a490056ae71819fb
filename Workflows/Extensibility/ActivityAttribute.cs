namespace Orchestrator.Workflows.Extensibility;

/// <summary>Names an activity as BPMN files refer to it (<c>orc:activity="…"</c>) and describes it for the designer.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string type, string displayName) : Attribute
{
    /// <summary>The type name BPMN files give in <c>orc:activity</c>.</summary>
    public string Type { get; } = type;
    /// <summary>The name the designer shows, in French.</summary>
    public string DisplayName { get; } = displayName;
    /// <summary>What the activity does, in French, for the designer; null for none.</summary>
    public string? Description { get; init; }
}
