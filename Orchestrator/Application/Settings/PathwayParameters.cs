using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Settings;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Application.Settings;

/// <summary>
/// The variables a new episode starts with: the administrator's values for the definition's parameters
/// (and for the shared handoff's), then the facts the referral passed. The BPMN defaults fill the rest.
/// A referral carries the facts of the referral, never deadlines: a passed variable named like a parameter
/// of the definition or of the shared handoff is refused (<see cref="ValidationException"/>, a 400 naming
/// <c>variables.{name}</c>), so nobody silences a deadline by starting an episode with <c>medicalOpinionDelay=P40Y</c>.
/// </summary>
public sealed class PathwayParameters(OrchestratorDbContext db, IDbContextFactory<WorkflowDbContext> workflowDb, DefinitionCache definitions)
{
    /// <summary>The key of the shared handoff definition, whose parameters every pathway's episodes also start with.</summary>
    public const string SharedHandoffKey = "handoff";

    /// <summary>
    /// The starting variables of a new episode of <paramref name="definitionKey"/> in <paramref name="structureId"/>: for each
    /// parameter, the structure's own value if it has one, else the value for every structure, else the BPMN default
    /// (left to the engine); a parameter of the definition wins over the shared handoff's of the same name.
    /// </summary>
    /// <exception cref="ValidationException">A passed variable names a parameter.</exception>
    public async Task<Dictionary<string, object?>> ForNewEpisodeAsync(string definitionKey, Guid structureId,
        IReadOnlyDictionary<string, object?>? passed, CancellationToken ct)
    {
        if (passed is { Count: > 0 })
        {
            var names = await ParameterNamesAsync(definitionKey, ct);
            var overrides = passed.Keys.Where(names.Contains).ToList();
            if (overrides.Count > 0)
                throw new ValidationException(overrides.Select(name => new ValidationFailure($"variables.{name}",
                    $"« {name} » est un délai du parcours : seul un administrateur le change (Paramètres), une orientation ne porte que des faits.")));
        }
        var settings = await db.Settings.AsNoTracking()
            .Where(s => (s.DefinitionKey == definitionKey || s.DefinitionKey == SharedHandoffKey)
                && (s.StructureId == PathwaySetting.AllStructures || s.StructureId == structureId))
            .ToListAsync(ct);
        // Later wins: the shared handoff's regional value, then its structure value, then the device's own, regional then structure.
        var variables = new Dictionary<string, object?>();
        foreach (var setting in settings.OrderBy(s => s.DefinitionKey == definitionKey).ThenBy(s => s.StructureId != PathwaySetting.AllStructures))
            variables[setting.Name] = setting.Value;
        foreach (var (name, value) in passed ?? new Dictionary<string, object?>()) variables[name] = value;
        return variables;
    }

    private async Task<HashSet<string>> ParameterNamesAsync(string definitionKey, CancellationToken ct)
    {
        await using var wf = await workflowDb.CreateDbContextAsync(ct);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in new[] { definitionKey, SharedHandoffKey })
        {
            try
            {
                names.UnionWith((await definitions.GetLatestPublishedAsync(wf, key, ct)).Model.Parameters.Select(p => p.Name));
            }
            catch (Workflows.Engine.WorkflowNotFoundException) when (key == SharedHandoffKey)
            {
                // A deployment without the shared handoff has no handoff parameters to protect.
            }
        }
        return names;
    }
}
