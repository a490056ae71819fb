namespace Orchestrator.Workflows.Persistence;

/// <summary>What happened to an element in an instance's history.</summary>
public enum HistoryEvent
{
    /// <summary>A token reached the element.</summary>
    Entered,
    /// <summary>The element finished and the token left it.</summary>
    Completed,
    /// <summary>The element was ended without finishing (interrupted, its scope ended, the instance cancelled).</summary>
    Cancelled,
}
