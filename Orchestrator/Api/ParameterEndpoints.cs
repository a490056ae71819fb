using MediatR;
using Orchestrator.Application.Settings;
using Orchestrator.Security;

namespace Orchestrator.Api;

/// <summary>The deadlines an administrator may change per pathway, for every structure or for one, with their BPMN defaults and current values.</summary>
public static class ParameterEndpoints
{
    /// <summary>A new value (ISO 8601 duration for a deadline); with <c>structureId</c>, for that structure's episodes only.</summary>
    public sealed record ValueRequest(string Value, Guid? StructureId = null);

    /// <summary>Maps <c>GET</c>, <c>PUT</c> and <c>DELETE</c> on <c>/api/parameters/{key}</c>, for administrators only.</summary>
    public static void MapParameterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/parameters").WithTags("Paramètres").RequireAuthorization(LocalAccounts.AdministratorPolicy);
        group.MapGet("/{key}", async (string key, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetPathwayParametersQuery(key), ct)))
            .WithSummary("Les délais du parcours : défaut BPMN, valeur pour toutes les structures, valeurs propres à certaines structures (avec leur département), bornes légales.");
        group.MapPut("/{key}/{name}", async (string key, string name, ValueRequest body, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new SetPathwayParameterCommand(key, name, body.Value, body.StructureId), ct);
            return TypedResults.NoContent();
        });
        group.MapDelete("/{key}/{name}", async (string key, string name, Guid? structure, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new ClearPathwayParameterCommand(key, name, structure), ct);
            return TypedResults.NoContent();
        }).WithSummary("Retire une valeur : celle de toutes les structures (retour au défaut BPMN) ou, avec ?structure=, celle d'une structure (retour à la valeur de toutes).");
    }
}
