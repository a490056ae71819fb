namespace Orchestrator.Workflows.Definitions;

/// <summary>What happened to an element, flow or parameter between two versions of a definition.</summary>
public enum DefinitionChangeKind
{
    /// <summary>Present in the newer version only.</summary>
    Added,
    /// <summary>Present in the older version only.</summary>
    Removed,
    /// <summary>Present in both, with something different (see <see cref="DefinitionChange.Detail"/>).</summary>
    Changed,
}

/// <summary>One difference between two versions of a definition, in the terms a modeler uses.</summary>
public sealed record DefinitionChange(DefinitionChangeKind Kind, string ElementType, string ElementId, string Detail);
