namespace Orchestrator.Workflows.Definitions;

/// <summary>What happened to an element, flow or parameter between two versions of a definition.</summary>
public enum DefinitionChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One difference between two versions of a definition, in the terms a modeler uses.</summary>
public sealed record DefinitionChange(DefinitionChangeKind Kind, string ElementType, string ElementId, string Detail);
