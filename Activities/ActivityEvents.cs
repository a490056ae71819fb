namespace Orchestrator.Activities;

/// <summary>Outbox event types the activity library emits; the host turns them into alerts, milestones, handoffs and notifications.</summary>
public static class ActivityEvents
{
    /// <summary>A risk of a break in care was flagged (<see cref="Risks.FlagRisk"/>): the host raises an alert.</summary>
    public const string RiskFlagged = "pathway.risk.flagged";
    /// <summary>A pathway milestone was reached (<see cref="Milestones.RecordMilestone"/>): the host dates it on the timeline and may move the episode's stage.</summary>
    public const string MilestoneReached = "pathway.milestone.reached";
    /// <summary>The referent is to be told something (<see cref="Notifications.NotifyReferent"/>), once the step has committed.</summary>
    public const string ReferentNotified = "pathway.referent.notified";
    /// <summary>The person was proposed to a downstream structure (<see cref="Handoffs.ProposeHandoff"/>): the host opens the handoff.</summary>
    public const string HandoffProposed = "pathway.handoff.proposed";
    /// <summary>A proposal went unanswered in time (<see cref="Handoffs.ExpireHandoff"/>): the host closes it.</summary>
    public const string HandoffExpired = "pathway.handoff.expired";
    /// <summary>The episode needs a referent of the given role (<see cref="Referents.AssignReferent"/>): the host picks one from the structure's team.</summary>
    public const string ReferentRequested = "pathway.referent.requested";

    /// <summary>The message a receiving structure's answer is published as; correlated by the handoff id.</summary>
    public const string HandoffAnswered = "handoff-answered";
}
