namespace Orchestrator.Workflows.Persistence;

/// <summary>A definition version's life: edited as a draft, published (new instances start on it), retired when a newer one is published.</summary>
public enum DefinitionState
{
    /// <summary>Being edited; never runs.</summary>
    Draft,
    /// <summary>The version new instances of its key start on; at most one per key.</summary>
    Published,
    /// <summary>Replaced by a newer published version; instances already on it run on.</summary>
    Retired,
}
