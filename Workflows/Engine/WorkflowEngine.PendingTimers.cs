using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Engine;

/// <summary>A timer waiting in an instance: its element's id and name as drawn, and when it falls due (UTC).</summary>
public sealed record PendingTimer(Guid InstanceId, string ElementId, string Name, DateTimeOffset DueAt);

public sealed partial class WorkflowEngine
{
    /// <summary>
    /// The named timers waiting in <paramref name="instanceIds"/>, soonest first: the deadlines a pathway keeps without a task for them
    /// (« Fin de période proche », « Fin de séjour prévue »), which the person page shows beside the open tasks. A timer drawn without a
    /// name is a technical one and is left out.
    /// </summary>
    public async Task<IReadOnlyList<PendingTimer>> PendingTimersAsync(IReadOnlyCollection<Guid> instanceIds, CancellationToken ct = default)
    {
        if (instanceIds.Count == 0) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A dashboard asks this of a structure's thousands of instances: only the columns named here are read (not the instances'
        // variables and state), and the bookmarks are sought by instance alone, their kind and due time checked here. Asked in SQL,
        // those make SQLite read every timer of the region through the (Kind, DueAt) index instead of these instances' few bookmarks.
        var timers = (await db.Bookmarks.AsNoTracking().Where(b => instanceIds.Contains(b.InstanceId))
                .Select(b => new { b.InstanceId, b.ElementId, b.Kind, b.DueAt }).ToListAsync(ct))
            .Where(b => b.Kind == BookmarkKind.Timer && b.DueAt != null).ToList();
        if (timers.Count == 0) return [];
        var waiting = timers.Select(t => t.InstanceId).Distinct().ToList();
        var versions = await db.Instances.AsNoTracking().Where(i => waiting.Contains(i.Id))
            .Select(i => new { i.Id, i.DefinitionId }).ToDictionaryAsync(i => i.Id, i => i.DefinitionId, ct);
        var pending = new List<PendingTimer>();
        foreach (var timer in timers)
        {
            if (!versions.TryGetValue(timer.InstanceId, out var version)) continue;
            var model = (await definitions.GetAsync(db, version, ct)).Model;
            var name = model.Elements.FirstOrDefault(e => e.Id == timer.ElementId)?.Name;
            if (!string.IsNullOrWhiteSpace(name)) pending.Add(new PendingTimer(timer.InstanceId, timer.ElementId, name, timer.DueAt!.Value));
        }
        return pending.OrderBy(p => p.DueAt).ToList();
    }
}
