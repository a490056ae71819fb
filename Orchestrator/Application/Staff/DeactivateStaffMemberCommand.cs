using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Pathways;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Staff;

/// <summary>
/// A member leaves the team (a director or coordinator of their structure, or an administrator, says so):
/// they can no longer sign in, and every person they followed gets another referent at once, or, where
/// the team has nobody left for that, a "no referent" alert, so nobody is left unfollowed unnoticed.
/// </summary>
public sealed record DeactivateStaffMemberCommand(Guid StaffId) : ICommand<int>;

/// <summary>Handles <see cref="DeactivateStaffMemberCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class DeactivateStaffMemberHandler(OrchestratorDbContext db, CurrentStaff current, ReferentAssigner referents, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<DeactivateStaffMemberCommand, int>
{
    /// <returns>How many people were handed over (or raised as without referent).</returns>
    public async Task<int> Handle(DeactivateStaffMemberCommand request, CancellationToken cancellationToken)
    {
        var actor = current.Require(StaffRole.Administrator, StaffRole.Director, StaffRole.Coordinator);
        var member = await db.Staff.FirstOrDefaultAsync(s => s.Id == request.StaffId, cancellationToken) ?? throw new NotFoundException("Professionnel inconnu.");
        if (actor.Role != StaffRole.Administrator && member.StructureId != actor.StructureId)
            throw new AccessDeniedException("Ce professionnel relève d'une autre structure.");
        if (member.Id == actor.Id) throw new Domain.DomainException("On ne peut pas se retirer soi-même de l'équipe.");
        member.Deactivate();
        var followed = await db.Episodes.Where(e => e.ReferentId == member.Id && e.Status == EpisodeStatus.Active)
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        await referents.ReassignAllAsync(followed, member, clock.GetUtcNow(), cancellationToken);
        audit.Record("staff.deactivated", null, $"{member.DisplayName} ({followed.Count} personnes transmises)");
        return followed.Count;
    }
}
