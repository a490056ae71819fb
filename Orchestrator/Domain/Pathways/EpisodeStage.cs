namespace Orchestrator.Domain.Pathways;

public enum EpisodeStage
{
    Entry,
    Stay,
    Exit,
    FollowUp,
}
