namespace Orchestrator.Workflows.Persistence;

/// <summary>What happened to an element in an instance's history.</summary>
public enum HistoryEvent
{
    Entered,
    Completed,
    Cancelled,
}
