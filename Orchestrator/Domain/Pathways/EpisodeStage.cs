namespace Orchestrator.Domain.Pathways;

/// <summary>Where a person stands in the structure's pathway, in order: referral and admission decision, stay, exit, follow-up after the exit.</summary>
public enum EpisodeStage
{
    Entry,
    Stay,
    Exit,
    FollowUp,
}
