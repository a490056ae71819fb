using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Consents;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Consents;

/// <summary>The categories of the record a consent shares.</summary>
public static class ConsentCategories
{
    /// <summary>The pathway, handoffs, alerts and social notes.</summary>
    public const string Social = "social";

    /// <summary>Medical notes, for the recipient's care staff only.</summary>
    public const string Medical = "medical";

    /// <summary>The categories a consent may name.</summary>
    public static readonly IReadOnlyList<string> All = [Social, Medical];
}

/// <summary>
/// Records the person's consent to share their record, read-only, with <paramref name="RecipientStructureId"/> for
/// <paramref name="Purpose"/> (CSP L1110-4 III). <paramref name="Categories"/> names what is shared (<c>social</c>,
/// <c>medical</c>; at least one). The consent expires <see cref="ConsentOptions.ValidityMonths"/> after it is recorded, or at
/// <paramref name="ExpiresAt"/> (UTC) when the person gives it for less. Refused with a 400 while the person objects to sharing.
/// </summary>
public sealed record GrantConsentCommand(Guid PersonId, Guid RecipientStructureId, string Purpose, IReadOnlyList<string> Categories,
    DateTimeOffset? ExpiresAt = null) : ICommand<Guid>;

/// <summary>Revokes a consent at once: the recipient stops reading with the next request.</summary>
public sealed record RevokeConsentCommand(Guid ConsentId) : ICommand<Unit>;

/// <summary>What <see cref="GrantConsentCommand"/> must hold before it runs; a value at fault is refused with a 400 naming its field, and nothing runs.</summary>
public sealed class GrantConsentValidator : AbstractValidator<GrantConsentCommand>
{
    /// <summary>Declares the rules of <see cref="GrantConsentCommand"/>.</summary>
    public GrantConsentValidator()
    {
        RuleFor(c => c.RecipientStructureId).NotEmpty().OverridePropertyName("recipientStructureId").WithMessage("La structure destinataire est obligatoire.");
        RuleFor(c => c.Purpose).NotEmpty().WithMessage("La finalité du partage est obligatoire.")
            .MaximumLength(300).WithMessage("La finalité du partage tient en 300 caractères au plus.").OverridePropertyName("purpose");
        RuleFor(c => c.Categories).NotEmpty().OverridePropertyName("categories").WithMessage("Indiquez ce qui est partagé : « social », « medical » ou les deux.");
        RuleForEach(c => c.Categories).Must(c => ConsentCategories.All.Contains(c)).OverridePropertyName("categories")
            .WithMessage((_, c) => $"Catégorie « {c} » inconnue : « social » ou « medical ».");
    }
}

/// <summary>Handles <see cref="GrantConsentCommand"/>, <see cref="RevokeConsentCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class ConsentHandlers(OrchestratorDbContext db, CurrentStaff current, CareTeam careTeam, AuditTrail audit, TimeProvider clock,
    IOptions<ConsentOptions> options)
    : IRequestHandler<GrantConsentCommand, Guid>, IRequestHandler<RevokeConsentCommand, Unit>
{
    /// <inheritdoc/>
    public async Task<Guid> Handle(GrantConsentCommand request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        await careTeam.EnsureMayActAsync(staff, request.PersonId, "Seule l'équipe de soins de la personne recueille son consentement.", cancellationToken);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == request.PersonId, cancellationToken) ?? throw new NotFoundException("Personne inconnue.");
        if (person.SharingObjectedAt is { } objected)
            throw Invalid(nameof(request.PersonId),
                $"La personne s'est opposée le {objected.UtcDateTime:dd/MM/yyyy} au partage de ses données hors de l'équipe de soins (CSP L1110-4) : aucun consentement ne peut être enregistré tant que son opposition est maintenue.");
        if (!await db.Structures.AnyAsync(s => s.Id == request.RecipientStructureId, cancellationToken))
            throw new NotFoundException("Structure destinataire inconnue.");
        // A consent shares the record outside the team; the recorder's own structure reads it already, as the care team.
        if (request.RecipientStructureId == staff.StructureId)
            throw Invalid(nameof(request.RecipientStructureId),
                "Votre structure accompagne déjà la personne : un consentement sert à partager son dossier avec une autre structure.");
        var now = clock.GetUtcNow();
        var longest = now.AddMonths(options.Value.ValidityMonths);
        if (request.ExpiresAt is { } asked && (asked <= now || asked > longest))
            throw Invalid(nameof(request.ExpiresAt),
                $"L'échéance du consentement doit être postérieure à aujourd'hui et au plus tard le {longest.UtcDateTime:dd/MM/yyyy} ({options.Value.ValidityMonths} mois).");
        var consent = db.Consents.Add(new Consent
        {
            PersonId = request.PersonId, RecipientStructureId = request.RecipientStructureId, Purpose = request.Purpose,
            Social = request.Categories.Contains(ConsentCategories.Social), Medical = request.Categories.Contains(ConsentCategories.Medical),
            RecordedBy = staff.Id, GrantedAt = now, ExpiresAt = request.ExpiresAt ?? longest,
        }).Entity;
        audit.Record("consent.granted", request.PersonId, $"{request.Purpose} ({string.Join(", ", request.Categories.Distinct())})");
        return consent.Id;
    }

    /// <inheritdoc/>
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

    private static ValidationException Invalid(string field, string message) =>
        new(message, [new ValidationFailure(char.ToLowerInvariant(field[0]) + field[1..], message)]);
}
