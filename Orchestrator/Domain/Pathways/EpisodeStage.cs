namespace Orchestrator.Domain.Pathways;

/// <summary>Where a person stands in the structure's pathway, in order: referral and admission decision, stay, exit, follow-up after the exit.</summary>
public enum EpisodeStage
{
    /// <summary>Referral and admission decision.</summary>
    Entry,
    /// <summary>Admitted: the stay or the support runs.</summary>
    Stay,
    /// <summary>The exit is being prepared or was made.</summary>
    Exit,
    /// <summary>Follow-up after the exit.</summary>
    FollowUp,
}
