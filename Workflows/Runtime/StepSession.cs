using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Runtime;

/// <summary>One step's unit of work: one DbContext, one clock reading, every instance the step touches.</summary>
internal sealed class StepSession(WorkflowDbContext db, DateTimeOffset now, string? actor,
    WorkflowOptions options, ActivityCatalog catalog, DefinitionCache definitions, IServiceProvider services)
{
    private readonly Dictionary<Guid, InstanceExecution> _executions = new();

    public WorkflowDbContext Db { get; } = db;
    public DateTimeOffset Now { get; } = now;
    public string? Actor { get; } = actor;
    public WorkflowOptions Options { get; } = options;
    public ActivityCatalog Catalog { get; } = catalog;
    public DefinitionCache Definitions { get; } = definitions;
    public IServiceProvider Services { get; } = services;
    public StepEffects Effects { get; } = new();

    public async Task<InstanceExecution> LoadAsync(Guid instanceId, CancellationToken ct)
    {
        if (_executions.TryGetValue(instanceId, out var loaded)) return loaded;
        var record = await StepQueries.For(Db).Instance(Db, instanceId, ct)
            ?? throw new WorkflowNotFoundException(MissingSubject.Instance, instanceId.ToString(), $"Instance {instanceId} does not exist.");
        var definition = await Definitions.GetAsync(Db, record.DefinitionId, ct);
        var bookmarks = await StepQueries.For(Db).BookmarksOf(Db, instanceId).ToListAsync(ct);
        var execution = new InstanceExecution(this, definition, record, bookmarks);
        _executions[instanceId] = execution;
        return execution;
    }

    public InstanceExecution Create(LoadedDefinition definition, JsonObject variables, string? businessKey, Guid? parentId)
    {
        var record = new WorkflowInstanceRecord
        {
            Id = OrderedIds.Next(Now),
            DefinitionId = definition.Id,
            DefinitionKey = definition.Key,
            DefinitionVersion = definition.Version,
            BusinessKey = businessKey,
            Status = InstanceStatus.Running,
            ParentInstanceId = parentId,
            CreatedAt = Now,
            UpdatedAt = Now,
            Version = 0,
        };
        Db.Instances.Add(record);
        var execution = new InstanceExecution(this, definition, record, new List<BookmarkRecord>(), variables);
        _executions[record.Id] = execution;
        return execution;
    }

    /// <summary>
    /// How many calls deep <paramref name="execution"/> runs: 0 for a top-level instance. Callers this step has not loaded (a callee
    /// resumed by its timer, its caller waiting) are read from the database, so a recursion that waits between calls is counted
    /// as one that does not; at most <paramref name="atMost"/> levels are walked.
    /// </summary>
    public async Task<int> CallDepthAsync(InstanceExecution execution, int atMost, CancellationToken ct)
    {
        var depth = 0;
        for (var parent = execution.Record.ParentInstanceId; parent is { } id && depth < atMost; depth++)
            parent = _executions.TryGetValue(id, out var loaded) ? loaded.Record.ParentInstanceId
                : await Db.Instances.AsNoTracking().Where(i => i.Id == id).Select(i => i.ParentInstanceId).FirstOrDefaultAsync(ct);
        return depth;
    }

    /// <summary>
    /// The caller of <paramref name="execution"/> when it is running in this step (its call activity started the callee, which has
    /// not waited since): it gets control back once the callee stops. Null for a top-level instance or a caller not running here.
    /// </summary>
    public InstanceExecution? RunningCaller(InstanceExecution execution) =>
        execution.Record.ParentInstanceId is { } parent && _executions.TryGetValue(parent, out var caller) && caller.IsRunning ? caller : null;

    /// <summary>
    /// Whether a caller of <paramref name="callee"/>, up the chain of call activities, catches the BPMN error <paramref name="code"/>
    /// the callee would end on. A caller this step has not loaded is read, not loaded: reading it must not write it back.
    /// </summary>
    public async Task<bool> CallersCatchErrorAsync(InstanceExecution callee, string code, CancellationToken ct)
    {
        var child = callee.Record;
        while (child.ParentInstanceId is { } parentId)
        {
            var caller = _executions.TryGetValue(parentId, out var loaded) ? loaded : await ReadAsync(parentId, ct);
            if (caller is null) return false;
            if (caller.CatchesCalleeError(child.Id, code)) return true;
            child = caller.Record;
        }
        return false;
    }

    /// <summary>An instance's execution to look at, not tracked and not part of this step's writes; null when it is gone.</summary>
    private async Task<InstanceExecution?> ReadAsync(Guid instanceId, CancellationToken ct)
    {
        var record = await Db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct);
        if (record is null) return null;
        var definition = await Definitions.GetAsync(Db, record.DefinitionId, ct);
        var bookmarks = await Db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId).ToListAsync(ct);
        return new InstanceExecution(this, definition, record, bookmarks);
    }

    /// <summary>Writes every touched instance's tokens and variables back onto its row before SaveChanges.</summary>
    public void Flush()
    {
        foreach (var execution in _executions.Values) execution.Flush();
    }
}
