namespace Orchestrator.Workflows.Persistence;

public enum DefinitionState
{
    Draft,
    Published,
    Retired,
}
