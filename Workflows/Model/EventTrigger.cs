namespace Orchestrator.Workflows.Model;

/// <summary>What an event waits for or throws (its event definition).</summary>
public enum EventTrigger
{
    None,
    Message,
    Timer,
    Terminate,
}
