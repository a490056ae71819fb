using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Definitions;

/// <summary>
/// Parsed models by definition version. A version's XML never changes once published, so a model is
/// parsed once per process lifetime; only the small "which version is current" lookup hits the database.
/// </summary>
public sealed class DefinitionCache(ActivityCatalog catalog, Microsoft.Extensions.Options.IOptions<Engine.WorkflowOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, LoadedDefinition> _byId = new();

    /// <summary>The version <paramref name="id"/>, parsed once per process and kept (a version's XML never changes).</summary>
    /// <exception cref="Engine.WorkflowNotFoundException">No definition version has that id.</exception>
    public async Task<LoadedDefinition> GetAsync(WorkflowDbContext db, Guid id, CancellationToken ct)
    {
        if (_byId.TryGetValue(id, out var cached)) return cached;
        var record = await db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new Engine.WorkflowNotFoundException(Engine.MissingSubject.Definition, id.ToString(), $"Definition version {id} does not exist.");
        return Remember(record);
    }

    /// <summary>The published version of <paramref name="key"/> that new instances start on (one database lookup, then the cache).</summary>
    /// <exception cref="Engine.WorkflowNotFoundException">The definition has no published version.</exception>
    public async Task<LoadedDefinition> GetLatestPublishedAsync(WorkflowDbContext db, string key, CancellationToken ct)
    {
        var id = await StepQueries.For(db).LatestPublished(db, key, ct)
            ?? throw new Engine.WorkflowNotFoundException(Engine.MissingSubject.Definition, key, $"No published version of definition '{key}'.");
        return await GetAsync(db, id, ct);
    }

    /// <summary>
    /// Parses a stored version and keeps its model. Stored versions are read without the rules added after they were saved
    /// (<see cref="Timing.TimerRules.Stored"/>), so that an upgrade never stops an instance already running on them.
    /// </summary>
    public LoadedDefinition Remember(WorkflowDefinitionRecord record)
    {
        // A stored version was validated when saved; only the zone matters here, not a floor raised since.
        var model = BpmnParser.Parse(record.Xml, catalog.Contains, options.Value.TimerRules(clock.GetUtcNow()) with { Stored = true });
        var loaded = new LoadedDefinition(record.Id, record.Key, record.Version, record.State, model);
        _byId[record.Id] = loaded;
        return loaded;
    }

    /// <summary>Drops the model of version <paramref name="id"/> (a draft saved again); the next read parses it anew.</summary>
    public void Forget(Guid id) => _byId.TryRemove(id, out _);
}
