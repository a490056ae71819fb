using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Application.Alerts;
using Orchestrator.Application.Boards;
using Orchestrator.Application.Consents;
using Orchestrator.Application.ComplexSituations;
using Orchestrator.Application.Episodes;
using Orchestrator.Application.Handoffs;
using Orchestrator.Application.Indicators;
using Orchestrator.Application.People;
using Orchestrator.Application.Staff;
using Orchestrator.Application.Tasks;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Structures;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Api;

/// <summary>Episodes, people, tasks, alerts, handoffs, consents and indicators. Every route needs a signed-in professional.</summary>
public static class PathwayEndpoints
{
    /// <summary>A refusal of a handoff.</summary>
    /// <param name="Reason">Why, in French; required by the refusal itself, a blank one is refused with a 400.</param>
    public sealed record RefuseRequest(string? Reason);

    /// <summary>How an alert was settled.</summary>
    /// <param name="Resolution">What was done, in French, for the boards; null when not said.</param>
    public sealed record ResolveRequest(string? Resolution);

    /// <summary>The code of the way out taken (<c>POST /api/tasks/{id}/error</c> or <c>/escalation</c>), as <c>GET /api/tasks/{id}/exits</c> lists it.</summary>
    public sealed record TaskExitRequest(string? Code);

    /// <summary>A note for the person's record.</summary>
    /// <param name="Text">The note.</param>
    /// <param name="Medical">A medical note, readable by care staff only.</param>
    public sealed record NoteRequest(string Text, bool Medical);

    /// <summary>A consent to share: recipient, purpose, categories (<c>social</c>, <c>medical</c>) and, if shorter than the default year, its end (UTC).</summary>
    public sealed record ConsentRequest(Guid RecipientStructureId, string Purpose, IReadOnlyList<string>? Categories, DateTimeOffset? ExpiresAt);

    /// <summary>The staff member to name referent.</summary>
    /// <param name="StaffId">A member of the episode's structure.</param>
    public sealed record ReferentRequest(Guid StaffId);

    /// <summary>Why the stay is interrupted: <c>Hospitalisation</c>, <c>Incarceration</c> or <c>Other</c>.</summary>
    public sealed record InterruptionRequest(Domain.Pathways.InterruptionCause? Cause);

    /// <summary>The member named deputy director, or null to withdraw the delegation.</summary>
    public sealed record DeputyRequest(Guid? StaffId);

    /// <summary>Maps the <c>/api</c> routes of episodes, people, tasks, alerts, handoffs, consents and indicators; each needs a signed-in member.</summary>
    public static void MapPathwayEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        var team = api.MapGroup("/staff").WithTags("Équipe");
        team.MapGet("/", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListTeamQuery(), ct)));
        team.MapPost("/{id:guid}/deactivate", async (Guid id, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(new { handedOver = await m.Send(new DeactivateStaffMemberCommand(id), ct) }));
        team.MapPut("/deputy-director", async (DeputyRequest body, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new NameDeputyDirectorCommand(body.StaffId), ct);
            return TypedResults.NoContent();
        });

        var episodes = api.MapGroup("/episodes").WithTags("Épisodes");
        episodes.MapPost("/", async (RequestAdmissionCommand command, IMediator m, CancellationToken ct) =>
        {
            var result = await m.Send(command, ct);
            return TypedResults.Created($"/api/people/{result.PersonId}", result);
        });
        // One page of the dashboard, as the screen reads it: a structure's thousands of active episodes are never sent at once.
        episodes.MapGet("/", async (Guid? structureId, EpisodeStage? stage, int? page, int? pageSize, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ListEpisodesQuery(structureId, stage, page ?? 0, pageSize ?? 25), ct)))
            .WithSummary("Une page des épisodes actifs de l'équipe, la prochaine échéance d'abord (page à partir de 0, 1 à 200 lignes), avec leur nombre total et par étape.");
        episodes.MapPost("/{id:guid}/notes", async (Guid id, NoteRequest body, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new AddCareNoteCommand(id, body.Text, body.Medical), ct)));

        episodes.MapPost("/{id:guid}/interruption", async (Guid id, InterruptionRequest body, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new InterruptStayCommand(id, body.Cause ?? throw new FluentValidation.ValidationException([
                new FluentValidation.Results.ValidationFailure("cause", "Indiquer le motif de l'interruption : Hospitalisation, Incarceration ou Other.")])), ct);
            return TypedResults.NoContent();
        }).WithSummary("Déclare une interruption du séjour (hospitalisation, incarcération, autre absence) : le séjour est suspendu, pas clos.");

        episodes.MapPut("/{id:guid}/referent", async (Guid id, ReferentRequest body, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new ChangeReferentCommand(id, body.StaffId), ct);
            return TypedResults.NoContent();
        });

        api.MapPost("/complex-situations", async (FileComplexSituationAlertCommand command, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(command, ct)))
            .WithTags("Situations complexes")
            .WithSummary("Fiche alerte d'un partenaire : transmise à une coordination des situations complexes, sous pseudonyme ; urgente, les coordinateurs sont alertés dès la réception.");

        var people = api.MapGroup("/people").WithTags("Personnes");
        people.MapGet("/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetPersonRecordQuery(id), ct)));
        people.MapGet("/{id:guid}/synthese.pdf", async (Guid id, IMediator m, CancellationToken ct) =>
                TypedResults.File(await m.Send(new PrintPathwayQuery(id), ct), "application/pdf", "synthese-parcours.pdf"))
            .WithSummary("Synthèse imprimable du parcours (PDF) : ce que l'appelant voit du dossier, sans l'identité ; l'impression est tracée.");
        people.MapGet("/{id:guid}/identity", async (Guid id, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetPersonIdentityQuery(id), ct)));
        people.MapPost("/{id:guid}/consents", async (Guid id, ConsentRequest body, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new GrantConsentCommand(id, body.RecipientStructureId, body.Purpose, body.Categories ?? [], body.ExpiresAt), ct)));
        people.MapPost("/{id:guid}/sharing-objection", async (Guid id, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new RecordSharingObjectionCommand(id), ct);
            return TypedResults.NoContent();
        });
        people.MapDelete("/{id:guid}/sharing-objection", async (Guid id, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new WithdrawSharingObjectionCommand(id), ct);
            return TypedResults.NoContent();
        });
        api.MapPost("/consents/{id:guid}/revoke", async (Guid id, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new RevokeConsentCommand(id), ct);
            return TypedResults.NoContent();
        }).WithTags("Personnes");

        var tasks = api.MapGroup("/tasks").WithTags("Tâches");
        tasks.MapGet("/mine", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListMyTasksQuery(), ct)));
        // The dates each bounded date field accepts now (the renewal's new period), resolved as the completion will check them.
        tasks.MapGet("/{id:guid}/dates", async (Guid id, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetTaskDateWindowsQuery(id), ct)));
        tasks.MapPost("/{id:guid}/complete", async (Guid id, Dictionary<string, JsonElement>? values, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new CompleteTaskCommand(id, (values ?? []).ToDictionary(v => v.Key, v => (object?)v.Value)), ct);
            return TypedResults.NoContent();
        });
        // Its ways out besides completion (boundary errors and escalations of the task), and taking one of them.
        tasks.MapGet("/{id:guid}/exits", async (Guid id, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetTaskExitsQuery(id), ct)));
        tasks.MapPost("/{id:guid}/error", async (Guid id, TaskExitRequest? body, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new TakeTaskExitCommand(id, TaskExitKind.Error, body?.Code ?? ""), ct);
            return TypedResults.NoContent();
        });
        tasks.MapPost("/{id:guid}/escalation", async (Guid id, TaskExitRequest? body, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new TakeTaskExitCommand(id, TaskExitKind.Escalation, body?.Code ?? ""), ct);
            return TypedResults.NoContent();
        });

        var alerts = api.MapGroup("/alerts").WithTags("Alertes");
        alerts.MapGet("/", async (string? department, Guid? structureId, string? device, string? type, bool? includeResolved, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new ListAlertsQuery(department, structureId, DeviceFilter(device), type, includeResolved ?? false), ct)));
        alerts.MapGet("/board", async (string? department, Guid? structureId, string? device, string? type, int? page, int? pageSize, IMediator m,
                CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new AlertBoardQuery(department, structureId, DeviceFilter(device), type, page ?? 0, pageSize ?? 25), ct)));
        alerts.MapPost("/{id:guid}/acknowledge", async (Guid id, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new AcknowledgeAlertCommand(id), ct);
            return TypedResults.NoContent();
        });
        alerts.MapPost("/{id:guid}/resolve", async (Guid id, ResolveRequest? body, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new ResolveAlertCommand(id, body?.Resolution), ct);
            return TypedResults.NoContent();
        });

        var handoffs = api.MapGroup("/handoffs").WithTags("Orientations");
        handoffs.MapGet("/incoming", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListIncomingHandoffsQuery(), ct)));
        handoffs.MapPost("/{id:guid}/accept", async (Guid id, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new AnswerHandoffCommand(id, true, null), ct);
            return TypedResults.NoContent();
        });
        handoffs.MapPost("/{id:guid}/refuse", async (Guid id, RefuseRequest body, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new AnswerHandoffCommand(id, false, body.Reason), ct);
            return TypedResults.NoContent();
        });

        api.MapGet("/structures/occupancy", async (string? department, IMediator m, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new OccupancyQuery(department), ct))).WithTags("Structures");
        api.MapGet("/indicators", async (int? year, IMediator m, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await m.Send(new RegionalIndicatorsQuery(year ?? clock.GetUtcNow().Year), ct))).WithTags("Indicateurs");
    }

    /// <summary>
    /// The <c>device</c> filter of a list, given as the code or as the label the rows show (« LHSS »); absent, no filter.
    /// </summary>
    /// <exception cref="FluentValidation.ValidationException">The text names no device (a 400 on <c>device</c> listing the labels).</exception>
    private static DeviceType? DeviceFilter(string? device) =>
        device is null ? null
        : DeviceCatalog.TryParse(device, out var type) ? type
        : throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("device",
            $"Dispositif inconnu : « {device} ». Valeurs possibles : {string.Join(", ", DeviceCatalog.Labels)}.")]);
}
