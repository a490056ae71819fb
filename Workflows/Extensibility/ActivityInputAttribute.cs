namespace Orchestrator.Workflows.Extensibility;

/// <summary>Declares an input a service task passes with <c>orc:input</c>; the designer lists these.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivityInputAttribute(string name, string label) : Attribute
{
    /// <summary>The input's name in <c>orc:input</c>.</summary>
    public string Name { get; } = name;
    /// <summary>The label the designer shows, in French.</summary>
    public string Label { get; } = label;
    /// <summary>Whether the designer asks for it; the activity itself refuses a missing required input when it runs.</summary>
    public bool Required { get; init; }
    /// <summary>Help text for the designer, in French (accepted values, format); null for none.</summary>
    public string? Description { get; init; }
}
