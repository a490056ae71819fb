namespace Orchestrator.Workflows.Persistence;

public enum HumanTaskStatus
{
    Open,
    Completed,
    Cancelled,
}
