namespace Orchestrator.Activities;

/// <summary>Outbox event types the activity library emits; the host turns them into alerts, milestones, handoffs and notifications.</summary>
public static class ActivityEvents
{
    public const string RiskFlagged = "pathway.risk.flagged";
    public const string MilestoneReached = "pathway.milestone.reached";
    public const string ReferentNotified = "pathway.referent.notified";
    public const string HandoffProposed = "pathway.handoff.proposed";
    public const string HandoffExpired = "pathway.handoff.expired";
    public const string ReferentRequested = "pathway.referent.requested";

    /// <summary>The message a receiving structure's answer is published as; correlated by the handoff id.</summary>
    public const string HandoffAnswered = "handoff-answered";
}
