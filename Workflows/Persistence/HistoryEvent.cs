namespace Orchestrator.Workflows.Persistence;

public enum HistoryEvent
{
    Entered,
    Completed,
    Cancelled,
}
