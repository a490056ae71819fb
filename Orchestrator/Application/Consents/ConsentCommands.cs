using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Consents;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Consents;

/// <summary>Records the person's consent to share their record with a structure outside the care team.</summary>
public sealed record GrantConsentCommand(Guid PersonId, Guid RecipientStructureId, string Purpose) : ICommand<Guid>;

public sealed record RevokeConsentCommand(Guid ConsentId) : ICommand<Unit>;

public sealed class GrantConsentValidator : AbstractValidator<GrantConsentCommand>
{
    public GrantConsentValidator()
    {
        RuleFor(c => c.RecipientStructureId).NotEmpty().WithMessage("La structure destinataire est obligatoire.");
        RuleFor(c => c.Purpose).NotEmpty().MaximumLength(300).WithMessage("La finalité du partage est obligatoire.");
    }
}

public sealed class ConsentHandlers(OrchestratorDbContext db, CurrentStaff current, CareTeam careTeam, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<GrantConsentCommand, Guid>, IRequestHandler<RevokeConsentCommand, Unit>
{
    public async Task<Guid> Handle(GrantConsentCommand request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        await careTeam.EnsureMayActAsync(staff, request.PersonId, "Seule l'équipe de soins de la personne recueille son consentement.", cancellationToken);
        if (!await db.Structures.AnyAsync(s => s.Id == request.RecipientStructureId, cancellationToken))
            throw new NotFoundException("Structure destinataire inconnue.");
        var consent = db.Consents.Add(new Consent
        {
            PersonId = request.PersonId, RecipientStructureId = request.RecipientStructureId, Purpose = request.Purpose,
            RecordedBy = staff.Id, GrantedAt = clock.GetUtcNow(),
        }).Entity;
        audit.Record("consent.granted", request.PersonId, request.Purpose);
        return consent.Id;
    }

    public async Task<Unit> Handle(RevokeConsentCommand request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        var consent = await db.Consents.FirstOrDefaultAsync(c => c.Id == request.ConsentId, cancellationToken)
            ?? throw new NotFoundException("Consentement inconnu.");
        await careTeam.EnsureMayActAsync(staff, consent.PersonId, "Seule l'équipe de soins de la personne enregistre un retrait de consentement.", cancellationToken);
        consent.Revoke(clock.GetUtcNow());
        audit.Record("consent.revoked", consent.PersonId, consent.Purpose);
        return Unit.Value;
    }
}
