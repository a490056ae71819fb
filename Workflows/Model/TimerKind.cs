namespace Orchestrator.Workflows.Model;

public enum TimerKind
{
    Duration,
    Date,
    Cycle,
}
