using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Security;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Validation;

namespace Orchestrator.Api;

/// <summary>Workflow definitions: list, validate, save a draft, publish; and the activity library the designer offers.</summary>
public static class DefinitionEndpoints
{
    /// <summary>One definition version, as lists show it.</summary>
    /// <param name="Id">The version's id.</param>
    /// <param name="Key">The BPMN process id.</param>
    /// <param name="Name">The process name; null when it has none.</param>
    /// <param name="Version">The version number within its key, from 1.</param>
    /// <param name="State"><c>Draft</c>, <c>Published</c> or <c>Retired</c>.</param>
    /// <param name="CreatedAt">When the version was saved (UTC).</param>
    /// <param name="PublishedAt">When it was published (UTC); null for a draft.</param>
    public sealed record DefinitionSummary(Guid Id, string Key, string? Name, int Version, string State, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

    /// <summary>An activity of the library, as the designer offers it for service tasks.</summary>
    /// <param name="Type">The name BPMN files give in <c>orc:activity</c>.</param>
    /// <param name="DisplayName">Its French name.</param>
    /// <param name="Description">What it does, in French; null for none.</param>
    /// <param name="Inputs">The <c>orc:input</c> it reads.</param>
    public sealed record ActivitySummary(string Type, string DisplayName, string? Description, IReadOnlyList<ActivityInputSummary> Inputs);

    /// <summary>One input of an activity.</summary>
    /// <param name="Name">The input's name in <c>orc:input</c>.</param>
    /// <param name="Label">Its French label.</param>
    /// <param name="Required">Whether the designer asks for it.</param>
    /// <param name="Description">Help in French (accepted values, format); null for none.</param>
    public sealed record ActivityInputSummary(string Name, string Label, bool Required, string? Description);

    /// <summary>Maps the <c>/api/definitions</c> routes (signed-in members; changes need the administrator).</summary>
    public static void MapDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Définitions").RequireAuthorization();
        group.MapGet("/", ListAsync);
        // Validating parses the whole document and every expression in it: for the people who edit definitions only.
        group.MapPost("/validate", ValidateAsync).Accepts<string>("application/xml", "text/xml", "text/plain").RequireAuthorization(LocalAccounts.AdministratorPolicy);
        group.MapPost("/", SaveDraftAsync).Accepts<string>("application/xml", "text/xml", "text/plain").RequireAuthorization(LocalAccounts.AdministratorPolicy);
        group.MapPost("/{key}/publish", PublishAsync).RequireAuthorization(LocalAccounts.AdministratorPolicy);
        app.MapGet("/api/activities", (ActivityCatalog catalog) => TypedResults.Ok(catalog.All.OrderBy(a => a.Type).Select(a =>
            new ActivitySummary(a.Type, a.DisplayName, a.Description, a.Inputs.Select(i => new ActivityInputSummary(i.Name, i.Label, i.Required, i.Description)).ToList()))))
            .WithTags("Définitions").RequireAuthorization();
    }

    private static async Task<Ok<List<DefinitionSummary>>> ListAsync(DefinitionStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Select(Summary).ToList());

    private static async Task<Ok<IReadOnlyList<BpmnProblem>>> ValidateAsync(HttpRequest request, DefinitionStore store) =>
        TypedResults.Ok(store.Validate(await ReadBodyAsync(request)));

    private static async Task<Results<Created<DefinitionSummary>, ValidationProblem>> SaveDraftAsync(HttpRequest request, DefinitionStore store, CancellationToken ct)
    {
        try
        {
            var draft = await store.SaveDraftAsync(await ReadBodyAsync(request), request.HttpContext.User.Identity?.Name, ct);
            return TypedResults.Created($"/api/definitions/{draft.Key}", Summary(draft));
        }
        catch (BpmnValidationException e)
        {
            return Invalid(e);
        }
    }

    private static async Task<Results<Ok<DefinitionSummary>, ProblemHttpResult, ValidationProblem>> PublishAsync(string key, DefinitionStore store, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(Summary(await store.PublishAsync(key, ct)));
        }
        catch (WorkflowNotFoundException)
        {
            // A problem like every other refusal, not a bare string.
            return TypedResults.Problem(title: "Introuvable", detail: $"La définition « {key} » n'a pas de brouillon à publier.", statusCode: 404);
        }
        catch (BpmnValidationException e)
        {
            return Invalid(e);
        }
    }

    private static ValidationProblem Invalid(BpmnValidationException e) => TypedResults.ValidationProblem(
        e.Problems.GroupBy(p => p.ElementId ?? p.ElementType).ToDictionary(g => g.Key, g => g.Select(p => p.ToString()).ToArray()),
        title: "La définition BPMN n'est pas valide.");

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync();
    }

    private static DefinitionSummary Summary(WorkflowDefinitionRecord d) =>
        new(d.Id, d.Key, d.Name, d.Version, d.State.ToString(), d.CreatedAt, d.PublishedAt);
}
