namespace Orchestrator.Activities;

/// <summary>Outbox event types the activity library emits; the host turns them into alerts, milestones and notifications.</summary>
public static class ActivityEvents
{
    public const string RiskFlagged = "pathway.risk.flagged";
    public const string MilestoneReached = "pathway.milestone.reached";
    public const string ReferentNotified = "pathway.referent.notified";
}
