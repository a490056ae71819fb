using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Settings;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Settings;

/// <summary>Which structures may hold their own value of a definition's parameter: those that run the definition.</summary>
internal static class PathwayParameterScope
{
    /// <summary>The published definition whose parameters are tuned.</summary>
    /// <exception cref="Security.NotFoundException">No published version has this key (a French 404).</exception>
    public static async Task<Workflows.Definitions.LoadedDefinition> PublishedAsync(Workflows.Definitions.DefinitionCache definitions,
        Workflows.Persistence.WorkflowDbContext wf, string definitionKey, CancellationToken ct)
    {
        try
        {
            return await definitions.GetLatestPublishedAsync(wf, definitionKey, ct);
        }
        catch (Workflows.Engine.WorkflowNotFoundException)
        {
            throw new Security.NotFoundException($"Aucun parcours publié ne porte la clé « {definitionKey} ».");
        }
    }

    /// <summary>Whether structures of <paramref name="type"/> run <paramref name="definitionKey"/> (the shared handoff: every pathway).</summary>
    public static bool Runs(DeviceType type, string definitionKey) =>
        definitionKey == PathwayParameters.SharedHandoffKey ? type.RunsPathways() : type.DefinitionKey() == definitionKey;

    /// <summary>
    /// The <see cref="PathwaySetting.StructureId"/> a value is stored under: <see cref="PathwaySetting.AllStructures"/> without a
    /// structure, else the structure's id once checked.
    /// </summary>
    /// <exception cref="FluentValidation.ValidationException">On <c>structureId</c>: unknown, or the structure does not run the definition.</exception>
    public static async Task<Guid> StructureAsync(OrchestratorDbContext db, string definitionKey, Guid? structureId, CancellationToken ct)
    {
        if (structureId is not { } id || id == PathwaySetting.AllStructures) return PathwaySetting.AllStructures;
        var structure = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (structure is null || !Runs(structure.Type, definitionKey))
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("structureId",
                structure is null ? "Structure inconnue." : $"{structure.Name} ne suit pas le parcours {definitionKey} : sa valeur ne s'appliquerait à aucun épisode.")]);
        return id;
    }
}
