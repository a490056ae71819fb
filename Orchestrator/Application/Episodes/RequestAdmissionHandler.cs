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

public sealed class RequestAdmissionHandler(
    OrchestratorDbContext db,
    WorkflowEngine engine,
    PathwayParameters parameters,
    CareTeam careTeam,
    CurrentStaff current,
    AuditTrail audit,
    TimeProvider clock) : IRequestHandler<RequestAdmissionCommand, AdmissionRequested>
{
    public async Task<AdmissionRequested> Handle(RequestAdmissionCommand request, CancellationToken cancellationToken)
    {
        var structure = await db.Structures.FirstOrDefaultAsync(s => s.Id == request.StructureId, cancellationToken)
            ?? throw new NotFoundException("Structure inconnue.");
        if ((structure.Type.DefinitionKey() ?? (request.Accompaniment ? RequestAdmissionCommand.AccompanimentDefinition : null)) is not { } definitionKey)
            throw new Domain.DomainException($"{structure.Type.Label()} ne pilote pas de parcours : proposez une orientation plutôt qu'une admission.");
        if (current.Member is { } member && (member.StructureId != structure.Id || !member.Role.SeesWholeStructure()))
            throw new AccessDeniedException("Seule l'équipe de la structure enregistre une demande d'admission.");
        var now = clock.GetUtcNow();
        // Refused before anything is written when the referral tries to set a deadline.
        var variables = await parameters.ForNewEpisodeAsync(definitionKey, request.Variables, cancellationToken);

        var (person, isNew) = await PersonAsync(request, now, cancellationToken);
        var pathway = await db.Pathways.FirstOrDefaultAsync(p => p.PersonId == person.Id, cancellationToken)
            ?? db.Pathways.Add(new Pathway { PersonId = person.Id, OpenedAt = now }).Entity;
        if (await db.Episodes.AnyAsync(e => e.PersonId == person.Id && e.StructureId == structure.Id && e.Status == EpisodeStatus.Active, cancellationToken))
            throw new Domain.DomainException("La personne a déjà un épisode en cours dans cette structure.");
        var episode = db.Episodes.Add(new Episode
        {
            PathwayId = pathway.Id, PersonId = person.Id, StructureId = structure.Id, DeviceType = structure.Type,
            DefinitionKey = definitionKey, ReferredBy = request.ReferredBy, RequestedAt = now,
            Pathology = request.Pathology, HousingBeforeEntry = request.HousingBeforeEntry,
        }).Entity;
        audit.Record("episode.requested", person.Id, $"{structure.Name} ({definitionKey})");
        // Saved before the workflow starts so that its first events find the episode.
        await db.SaveChangesAsync(cancellationToken);

        Guid instanceId;
        try
        {
            instanceId = await engine.StartAsync(definitionKey, variables, episode.Id.ToString(), current.Id?.ToString(), cancellationToken);
        }
        catch
        {
            db.Episodes.Remove(episode);
            if (isNew) { db.People.Remove(person); db.Pathways.Remove(pathway); }
            db.ChangeTracker.Entries<Domain.Audit.AuditEntry>().ToList().ForEach(e => e.State = EntityState.Detached);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        episode.AttachInstance(instanceId);
        return new AdmissionRequested(episode.Id, person.Id, instanceId);
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
        var person = db.People.Add(new Person { Pseudonym = data.Pseudonym, BirthYear = data.BirthYear, Sex = data.Sex, CreatedAt = now }).Entity;
        if (data.LastName is not null || data.FirstName is not null || data.BirthDate is not null)
            db.Identities.Add(new PersonIdentity { PersonId = person.Id, LastName = data.LastName, FirstName = data.FirstName, BirthDate = data.BirthDate });
        return (person, true);
    }
}
