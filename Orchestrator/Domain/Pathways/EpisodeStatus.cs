namespace Orchestrator.Domain.Pathways;

/// <summary>Whether an episode is still followed: active, ended before admission, or closed after the pathway ended.</summary>
public enum EpisodeStatus
{
    /// <summary>Still followed.</summary>
    Active,
    /// <summary>Ended before admission: refused, not receivable, not eligible.</summary>
    NotAdmitted,
    /// <summary>Closed after the pathway ended (exit made, follow-up over).</summary>
    Closed,
}
