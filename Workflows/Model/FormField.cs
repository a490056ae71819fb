namespace Orchestrator.Workflows.Model;

/// <summary>A variable a user task may set when it is completed (declared with <c>orc:field</c>).</summary>
public sealed record FormField(
    string Name,
    FormFieldType Type,
    string? Label,
    bool Required,
    IReadOnlyList<string> Values);
