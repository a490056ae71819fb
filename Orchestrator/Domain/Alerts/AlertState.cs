namespace Orchestrator.Domain.Alerts;

/// <summary>An alert's life: raised (open), taken up by the team (acknowledged), settled (resolved).</summary>
public enum AlertState
{
    /// <summary>Raised; nobody has taken it up yet.</summary>
    Open,
    /// <summary>A staff member said it is being handled.</summary>
    Acknowledged,
    /// <summary>Settled, by a person or by the pathway.</summary>
    Resolved,
}
