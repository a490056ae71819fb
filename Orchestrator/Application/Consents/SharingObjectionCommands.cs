using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Consents;

/// <summary>
/// Records the person's objection to any sharing of their record outside their care team (CSP L1110-4 IV: the person may
/// object at any time). Every consent still in force is revoked in the same transaction, and no new one can be recorded
/// while the objection stands. Only the care team, acting on the person, records it.
/// </summary>
public sealed record RecordSharingObjectionCommand(Guid PersonId) : ICommand<Unit>;

/// <summary>The person lifts their objection; the consents it revoked stay revoked (a new consent is asked afresh).</summary>
public sealed record WithdrawSharingObjectionCommand(Guid PersonId) : ICommand<Unit>;

/// <summary>Handles <see cref="RecordSharingObjectionCommand"/>, <see cref="WithdrawSharingObjectionCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class SharingObjectionHandlers(OrchestratorDbContext db, CurrentStaff current, CareTeam careTeam, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<RecordSharingObjectionCommand, Unit>, IRequestHandler<WithdrawSharingObjectionCommand, Unit>
{
    /// <inheritdoc/>
    public async Task<Unit> Handle(RecordSharingObjectionCommand request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        await careTeam.EnsureMayActAsync(staff, request.PersonId, "Seule l'équipe de soins de la personne enregistre son opposition au partage.", cancellationToken);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == request.PersonId, cancellationToken) ?? throw new NotFoundException("Personne inconnue.");
        var now = clock.GetUtcNow();
        person.ObjectToSharing(now);
        var consents = await db.Consents.Where(c => c.PersonId == person.Id && c.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var consent in consents) consent.Revoke(now);
        audit.Record("sharing.objected", person.Id, $"{consents.Count} consentement(s) retiré(s)");
        return Unit.Value;
    }

    /// <inheritdoc/>
    public async Task<Unit> Handle(WithdrawSharingObjectionCommand request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        await careTeam.EnsureMayActAsync(staff, request.PersonId, "Seule l'équipe de soins de la personne enregistre la levée de son opposition.", cancellationToken);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == request.PersonId, cancellationToken) ?? throw new NotFoundException("Personne inconnue.");
        person.WithdrawObjection();
        audit.Record("sharing.objection.withdrawn", person.Id);
        return Unit.Value;
    }
}
