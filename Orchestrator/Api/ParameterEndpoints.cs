using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Settings;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Api;

/// <summary>The deadlines an administrator may change per pathway, with their BPMN defaults and current values.</summary>
public static class ParameterEndpoints
{
    /// <summary>A parameter with its BPMN default, its current value (null: the default) and its legal bounds (ISO 8601) and their source.</summary>
    public sealed record ParameterView(string Name, string? Label, string Type, string Default, string? Value, string? Min, string? Max, string? Source);

    public sealed record ValueRequest(string Value);

    public static void MapParameterEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/parameters").WithTags("Paramètres").RequireAuthorization(LocalAccounts.AdministratorPolicy);
        group.MapGet("/{key}", async (string key, IDbContextFactory<WorkflowDbContext> wf, DefinitionCache cache, OrchestratorDbContext db, CancellationToken ct) =>
        {
            await using var w = await wf.CreateDbContextAsync(ct);
            var definition = await cache.GetLatestPublishedAsync(w, key, ct);
            var values = await db.Settings.AsNoTracking().Where(s => s.DefinitionKey == key).ToDictionaryAsync(s => s.Name, s => s.Value, ct);
            return TypedResults.Ok(definition.Model.Parameters
                .Select(p => new ParameterView(p.Name, p.Label, p.Type.ToString().ToLowerInvariant(), p.DefaultValue, values.GetValueOrDefault(p.Name), p.Min, p.Max, p.Source)).ToList());
        });
        group.MapPut("/{key}/{name}", async (string key, string name, ValueRequest body, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new SetPathwayParameterCommand(key, name, body.Value), ct);
            return TypedResults.NoContent();
        });
    }
}
