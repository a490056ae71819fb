using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Pathways;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Episodes;

/// <summary>A coordinator or director names the episode's referent; an open "no referent" alert is then resolved.</summary>
public sealed record ChangeReferentCommand(Guid EpisodeId, Guid StaffId) : ICommand<Unit>;

/// <summary>Handles <see cref="ChangeReferentCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class ChangeReferentHandler(OrchestratorDbContext db, CurrentStaff current, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<ChangeReferentCommand, Unit>
{
    /// <inheritdoc/>
    public async Task<Unit> Handle(ChangeReferentCommand request, CancellationToken cancellationToken)
    {
        var actor = current.Require(StaffRole.Coordinator, StaffRole.Director);
        var episode = await db.Episodes.FirstOrDefaultAsync(e => e.Id == request.EpisodeId, cancellationToken) ?? throw new NotFoundException("Épisode inconnu.");
        if (episode.StructureId != actor.StructureId) throw new AccessDeniedException("Cet épisode relève d'une autre structure.");
        // Acting on a person belongs to the team of an active episode (CareTeam): a closed episode's referent no longer changes.
        if (episode.Status != Domain.Pathways.EpisodeStatus.Active) throw new AccessDeniedException("Cet épisode est clos : son référent ne change plus.");
        var referent = await db.Staff.FirstOrDefaultAsync(s => s.Id == request.StaffId && s.Active, cancellationToken)
            ?? throw new NotFoundException("Professionnel inconnu.");
        if (referent.StructureId != episode.StructureId) throw new Domain.DomainException("Le référent doit appartenir à l'équipe de la structure.");
        episode.AssignReferent(referent.Id);
        foreach (var alert in await db.Alerts.Where(a => a.EpisodeId == episode.Id && a.Type == ReferentAssigner.NoReferentAlert && a.State != AlertState.Resolved).ToListAsync(cancellationToken))
            alert.Resolve(actor.Id, clock.GetUtcNow(), $"Référent désigné : {referent.DisplayName}");
        audit.Record("episode.referent-changed", episode.PersonId, referent.DisplayName);
        return Unit.Value;
    }
}
