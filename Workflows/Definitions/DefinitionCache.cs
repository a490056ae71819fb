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

    public async Task<LoadedDefinition> GetAsync(WorkflowDbContext db, Guid id, CancellationToken ct)
    {
        if (_byId.TryGetValue(id, out var cached)) return cached;
        var record = await db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new Engine.WorkflowNotFoundException(Engine.MissingSubject.Definition, id.ToString(), $"Definition version {id} does not exist.");
        return Remember(record);
    }

    public async Task<LoadedDefinition> GetLatestPublishedAsync(WorkflowDbContext db, string key, CancellationToken ct)
    {
        var id = await StepQueries.For(db).LatestPublished(db, key, ct)
            ?? throw new Engine.WorkflowNotFoundException(Engine.MissingSubject.Definition, key, $"No published version of definition '{key}'.");
        return await GetAsync(db, id, ct);
    }

    public LoadedDefinition Remember(WorkflowDefinitionRecord record)
    {
        // A stored version was validated when saved; only the zone matters here, not a floor raised since.
        var model = BpmnParser.Parse(record.Xml, catalog.Contains, options.Value.TimerRules(clock.GetUtcNow()) with { Stored = true });
        var loaded = new LoadedDefinition(record.Id, record.Key, record.Version, record.State, model);
        _byId[record.Id] = loaded;
        return loaded;
    }

    public void Forget(Guid id) => _byId.TryRemove(id, out _);
}
