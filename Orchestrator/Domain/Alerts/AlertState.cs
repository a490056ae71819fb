namespace Orchestrator.Domain.Alerts;

/// <summary>An alert's life: raised (open), taken up by the team (acknowledged), settled (resolved).</summary>
public enum AlertState
{
    Open,
    Acknowledged,
    Resolved,
}
