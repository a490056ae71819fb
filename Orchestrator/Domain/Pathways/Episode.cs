using Orchestrator.Domain.Structures;

namespace Orchestrator.Domain.Pathways;

/// <summary>
/// One stay or support in one structure, driven by one workflow instance whose business key is the
/// episode id. Its stage moves only forward, through the guarded methods below.
/// </summary>
public sealed class Episode
{
    /// <summary>The episode's id.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>Concurrency token: raised by every committed change, so two transitions that read the same state cannot both commit.</summary>
    public int Version { get; private set; }
    /// <summary>The pathway (the person's journey across structures) the episode is part of.</summary>
    public Guid PathwayId { get; init; }
    /// <summary>The person supported.</summary>
    public Guid PersonId { get; init; }
    /// <summary>The structure that supports the person in this episode.</summary>
    public Guid StructureId { get; init; }
    /// <summary>The site whose bed or place the person takes (<see cref="PlaceAt"/>); null until placed.</summary>
    public Guid? SiteId { get; private set; }
    /// <summary>The structure's kind when the episode opened.</summary>
    public DeviceType DeviceType { get; init; }
    /// <summary>The key of the pathway definition the episode runs (<c>lhss</c>, <c>act</c>…).</summary>
    public required string DefinitionKey { get; init; }
    /// <summary>The workflow instance that drives the episode (<see cref="AttachInstance"/>); null until it started.</summary>
    public Guid? InstanceId { get; private set; }
    /// <summary>Where the person stands in the pathway; only moves forward (<see cref="MoveTo"/>).</summary>
    public EpisodeStage Stage { get; private set; } = EpisodeStage.Entry;
    /// <summary>Active until the workflow ends (<see cref="Close"/>).</summary>
    public EpisodeStatus Status { get; private set; } = EpisodeStatus.Active;
    /// <summary>The staff member who follows the person; null while none is named.</summary>
    public Guid? ReferentId { get; private set; }
    /// <summary>The referrer's name as the team wrote it (care team only; reports count <see cref="ReferrerType"/>).</summary>
    public string? ReferredBy { get; init; }
    /// <summary>Who oriented the person, coded (<see cref="ReferralRules"/>); null for episodes recorded before referrals were coded.</summary>
    public ReferrerType? ReferrerType { get; init; }
    /// <summary>A social evaluation preceded the doctor's orientation (LAM, CASF D312-176-4).</summary>
    public bool ReferralSocialEvaluation { get; init; }
    /// <summary>A psychiatrist gave the binding opinion (ACT UCSD, CASF D312-154-1).</summary>
    public bool ReferralPsychiatristOpinion { get; init; }
    /// <summary>The person asked for the admission themself.</summary>
    public bool PersonRequested { get; init; }
    /// <summary>Broad pathology category recorded at referral (ACT report), if given.</summary>
    public PathologyCategory? Pathology { get; init; }
    /// <summary>Housing situation before entry recorded at referral (ACT report), if given.</summary>
    public HousingSituation? HousingBeforeEntry { get; init; }
    /// <summary>When the person was referred and the episode opened (UTC).</summary>
    public DateTimeOffset RequestedAt { get; init; }
    /// <summary>When the stay began (UTC): the episode first reached <see cref="EpisodeStage.Stay"/>; null before admission.</summary>
    public DateTimeOffset? AdmittedAt { get; private set; }
    /// <summary>When the person left (UTC): the episode reached <see cref="EpisodeStage.Exit"/>, or closed after admission; null before.</summary>
    public DateTimeOffset? ExitedAt { get; private set; }
    /// <summary>When the episode ended (UTC); null while active.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Whether the episode is still followed (<see cref="EpisodeStatus.Active"/>).</summary>
    public bool IsActive => Status == EpisodeStatus.Active;

    /// <summary>Whether the person occupies a bed or place of the structure.</summary>
    public bool OccupiesPlace => IsActive && Stage == EpisodeStage.Stay;

    /// <summary>Ties the episode to the pathway instance that drives it, once.</summary>
    /// <exception cref="DomainException">The episode already has an instance.</exception>
    public void AttachInstance(Guid instanceId)
    {
        if (InstanceId is not null) throw new DomainException("L'épisode est déjà piloté par une instance de parcours.");
        InstanceId = instanceId;
    }

    /// <summary>
    /// Moves the episode forward to <paramref name="stage"/> at <paramref name="at"/> (UTC), as the pathway's milestones say: the stay
    /// records the admission, the exit the day of exit. Never backwards.
    /// </summary>
    /// <exception cref="DomainException">The episode is closed, or <paramref name="stage"/> is before its current stage.</exception>
    public void MoveTo(EpisodeStage stage, DateTimeOffset at)
    {
        EnsureActive();
        if (stage < Stage) throw new DomainException($"L'épisode est à l'étape {Stage} et ne peut pas revenir à {stage}.");
        if (stage >= EpisodeStage.Stay && AdmittedAt is null) AdmittedAt = at;
        if (stage >= EpisodeStage.Exit && ExitedAt is null) ExitedAt = at;
        Stage = stage;
    }

    /// <summary>The site whose bed or place the person takes on admission.</summary>
    /// <exception cref="DomainException">The episode is closed.</exception>
    public void PlaceAt(Guid siteId)
    {
        EnsureActive();
        SiteId = siteId;
    }

    /// <summary>Names the staff member who follows the person.</summary>
    /// <exception cref="DomainException">The episode is closed.</exception>
    public void AssignReferent(Guid staffId)
    {
        EnsureActive();
        ReferentId = staffId;
    }

    /// <summary>The referent left the team and nobody could take over: the episode waits for someone to be named.</summary>
    /// <exception cref="DomainException">The episode is closed.</exception>
    public void ReleaseReferent()
    {
        EnsureActive();
        ReferentId = null;
    }

    /// <summary>Ends the episode when its workflow ends: before admission it was not admitted, otherwise it closes.</summary>
    /// <exception cref="DomainException">The episode is closed.</exception>
    public void Close(DateTimeOffset at)
    {
        EnsureActive();
        Status = AdmittedAt is null ? EpisodeStatus.NotAdmitted : EpisodeStatus.Closed;
        if (AdmittedAt is not null && ExitedAt is null) ExitedAt = at;
        ClosedAt = at;
    }

    private void EnsureActive()
    {
        if (!IsActive) throw new DomainException("L'épisode est clos.");
    }
}
