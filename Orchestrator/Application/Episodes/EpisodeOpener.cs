using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Settings;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.People;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Application.Episodes;

/// <summary>
/// Opens an episode in a structure and starts its pathway definition, once the caller decided who may: the one place
/// where a referral becomes a running pathway. The referral's lawfulness (<see cref="ReferralRules"/>) and the deadlines
/// a referral may not set (<see cref="PathwayParameters"/>) are checked before anything is written; if the workflow
/// cannot start, everything written is removed again, so nothing is half-saved.
/// </summary>
public sealed class EpisodeOpener(OrchestratorDbContext db, WorkflowEngine engine, PathwayParameters parameters, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The start variable holding the episode id, the correlation key of the messages about the episode.</summary>
    public const string EpisodeIdVariable = "episodeId";

    /// <summary>What the new episode records about its referral.</summary>
    /// <param name="ReferredBy">The referrer's name as the team wrote it (care team only).</param>
    /// <param name="Structure">The structure the episode opens in.</param>
    /// <param name="DefinitionKey">The pathway definition the episode runs (its latest published version).</param>
    /// <param name="Referral">Who orients the person, coded; null where the device needs none.</param>
    /// <param name="Variables">Facts of the referral the instance starts with; never a parameter of the definition.</param>
    /// <param name="Pathology">Pathology category recorded at referral (ACT report); null when not given.</param>
    /// <param name="HousingBeforeEntry">Housing before entry recorded at referral (ACT report); null when not given.</param>
    public sealed record Opening(Structure Structure, string DefinitionKey, Referral? Referral, string? ReferredBy,
        IReadOnlyDictionary<string, object?>? Variables, PathologyCategory? Pathology = null, HousingSituation? HousingBeforeEntry = null);

    /// <summary>
    /// Opens the episode for an existing person (<paramref name="person"/> tracked, not new) or a new one (added, not saved).
    /// </summary>
    /// <exception cref="FluentValidation.ValidationException">An unlawful referral (on <c>referral.*</c>) or a passed deadline (on <c>variables.*</c>).</exception>
    /// <exception cref="Domain.DomainException">The person already has an episode running in the structure.</exception>
    public async Task<AdmissionRequested> OpenAsync(Opening opening, Person person, bool isNew, Guid? actorId, CancellationToken ct)
    {
        if (ReferralRules.Check(opening.Structure.Type, opening.Referral) is { } unlawful)
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure($"referral.{unlawful.Field}", unlawful.Reason)]);
        // Refused before anything is written when the referral tries to set a deadline.
        var variables = await parameters.ForNewEpisodeAsync(opening.DefinitionKey, opening.Structure.Id, opening.Variables, ct);
        var now = clock.GetUtcNow();
        // A person just recorded has no pathway yet: nothing to read.
        var pathway = (isNew ? null : await db.Pathways.FirstOrDefaultAsync(p => p.PersonId == person.Id, ct))
            ?? db.Pathways.Add(new Pathway { PersonId = person.Id, OpenedAt = now }).Entity;
        if (!isNew && await db.Episodes.AnyAsync(e => e.PersonId == person.Id && e.StructureId == opening.Structure.Id && e.Status == EpisodeStatus.Active, ct))
            throw new Domain.DomainException("La personne a déjà un épisode en cours dans cette structure.");
        var referral = opening.Referral;
        var episode = db.Episodes.Add(new Episode
        {
            PathwayId = pathway.Id, PersonId = person.Id, StructureId = opening.Structure.Id, DeviceType = opening.Structure.Type,
            DefinitionKey = opening.DefinitionKey, ReferredBy = opening.ReferredBy, RequestedAt = now,
            Pathology = opening.Pathology, HousingBeforeEntry = opening.HousingBeforeEntry,
            ReferrerType = referral?.Type, ReferralSocialEvaluation = referral?.SocialEvaluation ?? false,
            ReferralPsychiatristOpinion = referral?.PsychiatristOpinion ?? false, PersonRequested = referral?.PersonRequest ?? false,
        }).Entity;
        audit.Record("episode.requested", person.Id, $"{opening.Structure.Name} ({opening.DefinitionKey})");
        // Saved before the workflow starts so that its first events find the episode.
        await db.SaveChangesAsync(ct);

        // The pathway knows its episode, so that messages about this episode (an interruption of the stay) reach it alone.
        variables[EpisodeIdVariable] = episode.Id.ToString();
        Guid instanceId;
        try
        {
            instanceId = await engine.StartAsync(opening.DefinitionKey, variables, episode.Id.ToString(), actorId?.ToString(), ct);
        }
        catch
        {
            db.Episodes.Remove(episode);
            if (isNew) { db.People.Remove(person); db.Pathways.Remove(pathway); }
            foreach (var identity in db.ChangeTracker.Entries<PersonIdentity>().Where(e => e.Entity.PersonId == person.Id).ToList())
                identity.State = EntityState.Deleted;
            db.ChangeTracker.Entries<Domain.Audit.AuditEntry>().ToList().ForEach(e => e.State = EntityState.Detached);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        episode.AttachInstance(instanceId);
        return new AdmissionRequested(episode.Id, person.Id, instanceId);
    }
}
