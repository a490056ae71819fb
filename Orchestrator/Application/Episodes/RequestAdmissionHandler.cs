using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Security;
using Orchestrator.Application.Settings;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.People;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Application.Episodes;

/// <summary>Handles <see cref="RequestAdmissionCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class RequestAdmissionHandler(
    OrchestratorDbContext db,
    EpisodeOpener opener,
    CareTeam careTeam,
    CurrentStaff current,
    TimeProvider clock) : IRequestHandler<RequestAdmissionCommand, AdmissionRequested>
{
    /// <inheritdoc/>
    public async Task<AdmissionRequested> Handle(RequestAdmissionCommand request, CancellationToken cancellationToken)
    {
        var structure = await db.Structures.FirstOrDefaultAsync(s => s.Id == request.StructureId, cancellationToken)
            ?? throw new NotFoundException("Structure inconnue.");
        // An accepted handoff opens its episode as a referral by a structure of the directory, and the light accompaniment
        // for a structure without a pathway: neither is a referral a team records by hand.
        if (current.Member is not null && request.Referral?.Type == ReferrerType.DirectoryStructure)
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("referral.type",
                "« Structure de l'annuaire » désigne une orientation acceptée depuis « Orientations reçues » : indiquer qui oriente la personne.")]);
        if (current.Member is not null && request.Accompaniment)
            throw new Domain.DomainException($"{structure.Type.Label()} accompagne les personnes qu'elle accepte depuis « Orientations reçues » : une admission directe n'y est pas possible.");
        if ((structure.Type.DefinitionKey() ?? (request.Accompaniment ? RequestAdmissionCommand.AccompanimentDefinition : null)) is not { } definitionKey)
            throw new Domain.DomainException($"{structure.Type.Label()} ne pilote pas de parcours : proposez une orientation plutôt qu'une admission.");
        if (current.Member is { } member && (member.StructureId != structure.Id || !member.Role.SeesWholeStructure()))
            throw new AccessDeniedException("Seule l'équipe de la structure enregistre une demande d'admission.");
        var (person, isNew) = await PersonAsync(request, clock.GetUtcNow(), cancellationToken);
        return await opener.OpenAsync(new EpisodeOpener.Opening(structure, definitionKey, request.Referral, request.ReferredBy, request.Variables,
            request.Pathology, request.HousingBeforeEntry), person, isNew, current.Id, cancellationToken);
    }

    private async Task<(Person Person, bool IsNew)> PersonAsync(RequestAdmissionCommand request, DateTimeOffset now, CancellationToken ct)
    {
        if (request.PersonId is { } id)
        {
            if (current.Member is { } member)
                await careTeam.EnsureCanSeeAsync(member, id, ct);
            // An archived record is nobody's: a new referral of that person starts a new record.
            return (await db.People.FirstOrDefaultAsync(p => p.Id == id && p.ArchivedAt == null, ct) ?? throw new NotFoundException("Personne inconnue."), false);
        }
        var data = request.NewPerson!;
        if (current.Member is { } staff) await EnsurePseudonymFreeAsync(staff, data.Pseudonym, ct);
        var person = db.People.Add(new Person { Pseudonym = data.Pseudonym.Trim(), BirthYear = data.BirthYear, Sex = data.Sex, CreatedAt = now }).Entity;
        if (data.LastName is not null || data.FirstName is not null || data.BirthDate is not null)
            db.Identities.Add(new PersonIdentity { PersonId = person.Id, LastName = data.LastName, FirstName = data.FirstName, BirthDate = data.BirthDate });
        return (person, true);
    }

    /// <summary>
    /// Identity vigilance: a new record may not take the pseudonym of a person the team already reads, since nothing else tells
    /// the two apart on its lists, and a note or an answer would then be written on the wrong person. The team is sent to the
    /// search to refer the person it already follows, or to choose another number.
    /// </summary>
    /// <exception cref="FluentValidation.ValidationException">The pseudonym is taken (field <c>newPerson.pseudonym</c>).</exception>
    private async Task EnsurePseudonymFreeAsync(StaffMember staff, string pseudonym, CancellationToken ct)
    {
        var followed = await db.People.Where(p => careTeam.VisiblePersonIds(staff).Contains(p.Id)).Select(p => p.Pseudonym).ToListAsync(ct);
        if (followed.Any(taken => PseudonymRule.Same(taken, pseudonym)))
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("newPerson.pseudonym",
                $"Votre équipe suit déjà une personne sous le pseudonyme « {pseudonym.Trim()} » : s'il s'agit d'elle, retrouvez-la par la recherche ; " +
                "sinon, choisissez un autre numéro.")]);
    }
}
