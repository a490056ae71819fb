namespace Orchestrator.Workflows.Extensibility;

public sealed record ActivityDescriptor(string Type, string DisplayName, string? Description,
    IReadOnlyList<ActivityInputAttribute> Inputs, Type ImplementationType);
