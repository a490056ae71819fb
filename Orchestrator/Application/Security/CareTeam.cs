using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Domain.Consents;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Security;

/// <summary>How long a structure keeps reading a person's record once its episode has ended.</summary>
public sealed class CareTeamOptions
{
    /// <summary>
    /// Calendar months (counted in UTC) during which the team of an ended episode — closed, or ended before admission
    /// (refused, not eligible) — still reads the record, for follow-up and handoff questions; 3 by default. Setting
    /// <c>Orchestrator:CareTeam:ReadMonthsAfterEnd</c>.
    /// </summary>
    public int ReadMonthsAfterEnd { get; set; } = 3;
}

/// <summary>
/// Who is the person's care team at a given time, and what that lets them do (CSP L1110-4 III and L1110-12: the
/// professionals currently taking part in the person's care). The one policy every route, screen and query asks.
/// <list type="bullet">
/// <item>Acting on the person (notes, consents; tasks, through <see cref="DecisionRights"/>) belongs to the team
/// of a structure where the person has an active episode, or to the episode's referent. An alert is taken up by the team of its
/// own episode while they read it, after the episode ended too (<see cref="EnsureMayTakeUpAlertAsync"/>).</item>
/// <item>Reading the record continues for <see cref="CareTeamOptions.ReadMonthsAfterEnd"/> months after the episode ended
/// (its <c>ClosedAt</c>: the exit, or the decision for a structure that refused or never admitted the person), then stops.</item>
/// <item>A structure outside the team reads the record only with the person's valid consent (recipient, categories, expiry), never acts;
/// another structure's medical notes reach care staff only through a medical-category consent.</item>
/// <item>An archived record (<see cref="Application.Retention.RecordRetention"/>) is nobody's.</item>
/// <item>Administrators and the regional viewer are nobody's care team.</item>
/// </list>
/// </summary>
public sealed class CareTeam(OrchestratorDbContext db, TimeProvider clock, IOptions<CareTeamOptions> options)
{
    /// <summary>
    /// The people whose record the staff member may read now: their care team within the period, or a structure holding a
    /// valid consent (neither revoked nor expired, any category). Archived records are nobody's.
    /// </summary>
    public IQueryable<Guid> VisiblePersonIds(StaffMember staff)
    {
        var readable = EpisodesOf(staff, ReadableEpisodes()).Select(e => e.PersonId);
        if (staff.Role.SeesWholeStructure() && staff.StructureId is { } structure)
            return readable.Union(ValidConsents(structure).Select(c => c.PersonId));
        return readable;
    }

    /// <summary>
    /// The consents that let <paramref name="structureId"/> read now: neither revoked nor expired, of a record not archived
    /// (an objection revokes them all, so none survives it).
    /// </summary>
    public IQueryable<Consent> ValidConsents(Guid structureId)
    {
        var now = clock.GetUtcNow();
        return db.Consents.Where(c => c.RecipientStructureId == structureId && c.RevokedAt == null && c.ExpiresAt > now
            && !db.People.Any(p => p.Id == c.PersonId && p.ArchivedAt != null));
    }

    /// <summary>
    /// What the staff member may read of the person's notes now (null: nothing, they may not read the record). Within the
    /// care team: social notes, and — for care staff — the medical notes written in their own structure's episodes. A
    /// structure's medical notes reach another structure's care staff only through a valid medical-category consent to it,
    /// its social notes a structure outside the care team only through a social-category one (CSP L1110-4 III).
    /// </summary>
    public async Task<NoteScope?> NoteScopeAsync(StaffMember staff, Guid personId, CancellationToken ct)
    {
        var inTeam = await IsInCareTeamAsync(staff, personId, ct);
        var consents = staff.Role.SeesWholeStructure() && staff.StructureId is { } structure
            ? await ValidConsents(structure).Where(c => c.PersonId == personId).Select(c => new { c.Social, c.Medical }).ToListAsync(ct)
            : [];
        if (!inTeam && consents.Count == 0) return null;
        var care = staff.Role.IsCareStaff();
        return new NoteScope(
            SocialNotes: inTeam || consents.Any(c => c.Social),
            OwnMedicalNotes: care && inTeam,
            OtherMedicalNotes: care && consents.Any(c => c.Medical),
            OwnStructureId: staff.StructureId);
    }

    /// <summary>
    /// The episodes of the staff member's own team they may read now (their structure's, or those they follow as referent):
    /// what the team's lists (alerts, tasks) draw from. A consent lets a structure read a record, never puts the other
    /// team's alerts or tasks in its lists.
    /// </summary>
    public IQueryable<Guid> OwnEpisodeIds(StaffMember staff) => EpisodesOf(staff, ReadableEpisodes()).Select(e => e.Id);

    /// <summary>Whether the staff member is in the person's care team for reading now (active episode, or ended within the period); not a consented structure.</summary>
    public Task<bool> IsInCareTeamAsync(StaffMember staff, Guid personId, CancellationToken ct) =>
        EpisodesOf(staff, ReadableEpisodes()).AnyAsync(e => e.PersonId == personId, ct);

    /// <summary>Whether the staff member may act on the person now: their structure (or they, as referent) has an active episode of the person.</summary>
    public Task<bool> MayActAsync(StaffMember staff, Guid personId, CancellationToken ct) =>
        EpisodesOf(staff, db.Episodes.Where(e => e.Status == EpisodeStatus.Active && !db.People.Any(p => p.Id == e.PersonId && p.ArchivedAt != null)))
            .AnyAsync(e => e.PersonId == personId, ct);

    /// <summary>
    /// Throws <see cref="AccessDeniedException"/> with <paramref name="refusal"/> unless the staff member may take up (acknowledge,
    /// resolve) an alert of <paramref name="episodeId"/>: the alert is the team's of that episode (its structure's, or its referent's),
    /// for as long as they read it — while it is active, and for <see cref="CareTeamOptions.ReadMonthsAfterEnd"/> months after it ended.
    /// An alert raised on an episode that then closed (a missed visit, an orientation without a receiving structure) stays that team's to
    /// settle; another structure following the same person does not settle it for them.
    /// </summary>
    public async Task EnsureMayTakeUpAlertAsync(StaffMember staff, Guid episodeId, string refusal, CancellationToken ct)
    {
        if (!await OwnEpisodeIds(staff).AnyAsync(id => id == episodeId, ct)) throw new AccessDeniedException(refusal);
    }

    /// <summary>Throws <see cref="AccessDeniedException"/> with <paramref name="refusal"/> unless the staff member may act on the person now.</summary>
    public async Task EnsureMayActAsync(StaffMember staff, Guid personId, string refusal, CancellationToken ct)
    {
        if (!await MayActAsync(staff, personId, ct)) throw new AccessDeniedException(refusal);
    }

    /// <summary>Throws <see cref="AccessDeniedException"/> unless the staff member may read the person's record now.</summary>
    public async Task EnsureCanSeeAsync(StaffMember staff, Guid personId, CancellationToken ct)
    {
        if (!await VisiblePersonIds(staff).AnyAsync(id => id == personId, ct))
            throw new AccessDeniedException("Cette personne n'est pas suivie par votre équipe.");
    }

    /// <summary>Active episodes, and those that ended (closed or not admitted) less than the period ago; never of an archived record.</summary>
    private IQueryable<Episode> ReadableEpisodes()
    {
        var endedAfter = clock.GetUtcNow().AddMonths(-options.Value.ReadMonthsAfterEnd);
        return db.Episodes.Where(e => (e.Status == EpisodeStatus.Active || e.ClosedAt >= endedAfter)
            && !db.People.Any(p => p.Id == e.PersonId && p.ArchivedAt != null));
    }

    private static IQueryable<Episode> EpisodesOf(StaffMember staff, IQueryable<Episode> episodes)
    {
        if (staff.Role == StaffRole.Referent) return episodes.Where(e => e.ReferentId == staff.Id);
        if (staff.Role.SeesWholeStructure() && staff.StructureId is { } structure) return episodes.Where(e => e.StructureId == structure);
        return episodes.Where(_ => false);
    }
}

/// <summary>
/// Which notes of a person a staff member reads (see <see cref="CareTeam.NoteScopeAsync"/>): social notes, medical notes of
/// episodes of their own structure <paramref name="OwnStructureId"/>, medical notes of the other structures' episodes.
/// </summary>
public sealed record NoteScope(bool SocialNotes, bool OwnMedicalNotes, bool OtherMedicalNotes, Guid? OwnStructureId)
{
    /// <summary>Whether a note written in an episode of <paramref name="episodeStructureId"/> is readable.</summary>
    public bool Allows(bool medical, Guid episodeStructureId) => medical
        ? (episodeStructureId == OwnStructureId ? OwnMedicalNotes || OtherMedicalNotes : OtherMedicalNotes)
        : SocialNotes;
}
