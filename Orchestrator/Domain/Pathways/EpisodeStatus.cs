namespace Orchestrator.Domain.Pathways;

public enum EpisodeStatus
{
    Active,
    /// <summary>Ended before admission: refused, not receivable, not eligible.</summary>
    NotAdmitted,
    Closed,
}
