namespace Orchestrator.Workflows.Extensibility;

/// <summary>Declares an input a service task passes with <c>orc:input</c>; the designer lists these.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivityInputAttribute(string name, string label) : Attribute
{
    public string Name { get; } = name;
    public string Label { get; } = label;
    public bool Required { get; init; }
    public string? Description { get; init; }
}
