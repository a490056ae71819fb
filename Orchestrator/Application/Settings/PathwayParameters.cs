using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Settings;

/// <summary>
/// The variables a new episode starts with: the administrator's values for the definition's parameters
/// (and for the shared handoff's), then whatever the caller passed. The BPMN defaults fill the rest.
/// </summary>
public sealed class PathwayParameters(OrchestratorDbContext db)
{
    public const string SharedHandoffKey = "handoff";

    public async Task<Dictionary<string, object?>> ForNewEpisodeAsync(string definitionKey,
        IReadOnlyDictionary<string, object?>? passed, CancellationToken ct)
    {
        var settings = await db.Settings.AsNoTracking()
            .Where(s => s.DefinitionKey == definitionKey || s.DefinitionKey == SharedHandoffKey)
            .ToListAsync(ct);
        // The device's own value wins over the shared handoff's for a parameter both declare.
        var variables = new Dictionary<string, object?>();
        foreach (var setting in settings.OrderBy(s => s.DefinitionKey == definitionKey)) variables[setting.Name] = setting.Value;
        foreach (var (name, value) in passed ?? new Dictionary<string, object?>()) variables[name] = value;
        return variables;
    }
}
