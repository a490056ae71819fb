using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Parsing;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Runtime;
using Orchestrator.Workflows.Scheduling;
using Orchestrator.Workflows.Validation;

namespace Orchestrator.Workflows.Definitions;

/// <summary>
/// Versions of definitions: a draft is edited freely; publishing freezes it as the version new instances
/// use and retires the previous one, whose running instances carry on unchanged.
/// </summary>
public sealed class DefinitionStore(IDbContextFactory<WorkflowDbContext> dbFactory, DefinitionCache cache, ActivityCatalog catalog, TimeProvider clock,
    IOptions<WorkflowOptions> options, ITimerScheduler timers)
{
    /// <summary>
    /// Every problem of <paramref name="xml"/> under this store's rules (its activities, zone, clock and the task roles of
    /// <see cref="WorkflowOptions.TaskRoles"/>), each naming the element, its id, line and reason; empty when it may be published.
    /// </summary>
    public IReadOnlyList<BpmnProblem> Validate(string xml) => BpmnParser.Validate(xml, catalog.Contains, Rules, options.Value.TaskRoles);

    /// <summary>
    /// The process model of <paramref name="xml"/>, read with the rules <see cref="Validate"/> applies (this store's activities, zone,
    /// and clock: a timer start event's cycle is judged against the time of whoever drives the clock, a dry run's as well).
    /// </summary>
    /// <exception cref="BpmnValidationException">The definition is not valid; every problem is listed.</exception>
    public Model.ProcessModel Parse(string xml) => BpmnParser.Parse(xml, catalog.Contains, Rules, options.Value.TaskRoles);

    private Timing.TimerRules Rules => options.Value.TimerRules(clock.GetUtcNow());

    /// <summary>Creates or replaces the draft of the definition the XML describes. Invalid XML is refused whole.</summary>
    public async Task<WorkflowDefinitionRecord> SaveDraftAsync(string xml, string? actor = null, CancellationToken ct = default)
    {
        var model = BpmnParser.Parse(xml, catalog.Contains, Rules, options.Value.TaskRoles);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var versions = await db.Definitions.Where(d => d.Key == model.Id).ToListAsync(ct);
        var draft = versions.FirstOrDefault(d => d.State == DefinitionState.Draft);
        if (draft is null)
        {
            draft = new WorkflowDefinitionRecord
            {
                Id = OrderedIds.Next(clock.GetUtcNow()),
                Key = model.Id,
                Version = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1,
                State = DefinitionState.Draft,
                CreatedAt = clock.GetUtcNow(),
                CreatedBy = actor,
            };
            db.Definitions.Add(draft);
        }
        draft.Name = model.Name;
        draft.Xml = xml;
        await db.SaveChangesAsync(ct);
        cache.Forget(draft.Id);
        return draft;
    }

    /// <summary>
    /// Publishes the draft of <paramref name="key"/>: it is checked again against today's activities and rules, becomes the version new
    /// instances start on, and the previous published version is retired (its running instances carry on unchanged). Its timer start
    /// events are armed and those of the retired version withdrawn.
    /// </summary>
    /// <exception cref="WorkflowNotFoundException">The definition has no draft.</exception>
    /// <exception cref="BpmnValidationException">The draft is no longer valid (an activity removed since it was saved, say); every problem is listed.</exception>
    public async Task<WorkflowDefinitionRecord> PublishAsync(string key, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var versions = await db.Definitions.Where(d => d.Key == key).ToListAsync(ct);
        var draft = versions.FirstOrDefault(d => d.State == DefinitionState.Draft)
            ?? throw new WorkflowNotFoundException(MissingSubject.Draft, key, $"Definition '{key}' has no draft to publish.");
        var model = BpmnParser.Parse(draft.Xml, catalog.Contains, Rules, options.Value.TaskRoles); // the activity library may have changed since the draft was saved
        var now = clock.GetUtcNow();
        var replacedIds = versions.Where(v => v.State == DefinitionState.Published).Select(v => (Guid?)v.Id).ToList();
        var replaced = await db.Bookmarks.Where(b => b.DefinitionId != null && replacedIds.Contains(b.DefinitionId)).ToListAsync(ct);
        db.Bookmarks.RemoveRange(replaced);
        var starts = StartTimers.Plan(model, draft.Id, now, options.Value.Zone);
        db.Bookmarks.AddRange(starts);
        foreach (var published in versions.Where(v => v.State == DefinitionState.Published))
        {
            published.State = DefinitionState.Retired;
            published.RetiredAt = now;
            cache.Forget(published.Id);
        }
        draft.State = DefinitionState.Published;
        draft.PublishedAt = now;
        await db.SaveChangesAsync(ct);
        cache.Forget(draft.Id);
        // After commit, like every timer; the reconciler repairs Quartz if this fails.
        if (replaced.Count > 0) await timers.CancelAsync(replaced.Select(b => new ScheduledTimer(b.Id, b.DueAt ?? DateTimeOffset.MinValue)).ToList(), ct);
        if (starts.Count > 0) await timers.ScheduleAsync(starts.Select(b => new ScheduledTimer(b.Id, b.DueAt!.Value)).ToList(), ct);
        return draft;
    }

    /// <summary>Saves and publishes in one go (imports, tests, shipped files).</summary>
    public async Task<WorkflowDefinitionRecord> DeployAsync(string xml, string? actor = null, CancellationToken ct = default)
    {
        var draft = await SaveDraftAsync(xml, actor, ct);
        return await PublishAsync(draft.Key, ct);
    }

    /// <summary>The PostgreSQL advisory lock key held while a node imports the shipped definitions.</summary>
    public const long ImportLockKey = 0x4F52_4348_494D_5054; // "ORCHIMPT"

    /// <summary>
    /// Loads every <c>*.bpmn</c> of a folder whose definition is not in the database yet, as published version 1. Nodes starting
    /// together on one PostgreSQL database import one after the other (<see cref="NodeExclusion"/>): the second finds the
    /// definitions there, instead of publishing a draft the first one already published and failing its start.
    /// </summary>
    public async Task<IReadOnlyList<string>> ImportFolderAsync(string folder, CancellationToken ct = default)
    {
        await using var lockHolder = await dbFactory.CreateDbContextAsync(ct);
        await using var exclusion = await NodeExclusion.AcquireAsync(lockHolder, ImportLockKey, ct);
        var imported = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.bpmn").Order(StringComparer.Ordinal))
        {
            var xml = await File.ReadAllTextAsync(file, ct);
            var key = KeyOf(xml, file);
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
                if (await db.Definitions.AnyAsync(d => d.Key == key, ct)) continue;
            await DeployAsync(xml, "system", ct);
            imported.Add(key);
        }
        return imported;
    }

    /// <summary>Every version of every definition (drafts, published and retired), by key, the newest version first.</summary>
    public async Task<IReadOnlyList<WorkflowDefinitionRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Definitions.AsNoTracking().OrderBy(d => d.Key).ThenByDescending(d => d.Version).ToListAsync(ct);
    }

    private string KeyOf(string xml, string file)
    {
        try
        {
            return BpmnParser.Parse(xml, catalog.Contains, Rules, options.Value.TaskRoles).Id;
        }
        catch (BpmnValidationException e)
        {
            throw new BpmnValidationException(e.Problems.Select(p => p with { Reason = $"{Path.GetFileName(file)}: {p.Reason}" }).ToList());
        }
    }
}
