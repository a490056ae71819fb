namespace Orchestrator.Workflows.Persistence;

/// <summary>A definition version's life: edited as a draft, published (new instances start on it), retired when a newer one is published.</summary>
public enum DefinitionState
{
    Draft,
    Published,
    Retired,
}
