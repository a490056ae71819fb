namespace Orchestrator.Domain.Alerts;

public enum AlertState
{
    Open,
    Acknowledged,
    Resolved,
}
