using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Security;

/// <summary>
/// Who may open whose record (CSP L1110-4): the care team of a structure where the person has an episode;
/// a referent only the people they follow; a structure outside the team only with the person's active
/// consent; administrators and the regional viewer nobody.
/// </summary>
public sealed class PersonAccess(OrchestratorDbContext db)
{
    public IQueryable<Guid> VisiblePersonIds(StaffMember staff)
    {
        if (staff.Role == StaffRole.Referent)
            return db.Episodes.Where(e => e.ReferentId == staff.Id).Select(e => e.PersonId);
        if (staff.Role.SeesWholeStructure() && staff.StructureId is { } structure)
            return db.Episodes.Where(e => e.StructureId == structure).Select(e => e.PersonId)
                .Union(db.Consents.Where(c => c.RecipientStructureId == structure && c.RevokedAt == null).Select(c => c.PersonId));
        return db.Episodes.Where(_ => false).Select(e => e.PersonId);
    }

    /// <summary>Whether the staff member belongs to the person's care team proper (not a consented outside structure).</summary>
    public Task<bool> IsInCareTeamAsync(StaffMember staff, Guid personId, CancellationToken ct) => staff.Role == StaffRole.Referent
        ? db.Episodes.AnyAsync(e => e.PersonId == personId && e.ReferentId == staff.Id, ct)
        : db.Episodes.AnyAsync(e => e.PersonId == personId && staff.Role.SeesWholeStructure() && e.StructureId == staff.StructureId, ct);

    public async Task EnsureInCareTeamAsync(StaffMember staff, Guid personId, string refusal, CancellationToken ct)
    {
        if (!await IsInCareTeamAsync(staff, personId, ct)) throw new AccessDeniedException(refusal);
    }

    public async Task EnsureCanSeeAsync(StaffMember staff, Guid personId, CancellationToken ct)
    {
        if (!await VisiblePersonIds(staff).AnyAsync(id => id == personId, ct))
            throw new AccessDeniedException("Cette personne n'est pas suivie par votre équipe.");
    }
}
