using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Pathways;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Application.Tasks;

/// <summary>When an open task counts as late (see <see cref="OverdueTaskScan"/>).</summary>
public sealed class OverdueTaskOptions
{
    /// <summary>How long after its due time an open task raises « Tâche en retard » (2 days).</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long after its due time an open task is escalated to the director (14 days).</summary>
    public TimeSpan Escalation { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often open tasks are checked (15 minutes).</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Nothing overdue goes unnoticed: an open task past its due time by <see cref="OverdueTaskOptions.Grace"/> raises a « Tâche en
/// retard » alert on its episode (the referent and the coordinators see it, the referent is mailed), and past
/// <see cref="OverdueTaskOptions.Escalation"/> a high « Tâche très en retard » alert for the director. Both are settled by the
/// task itself: completing it resolves them (the alert names it in <see cref="Alert.ResolvedByTask"/>), and one cancelled by its
/// pathway resolves them at the next scan.
/// </summary>
public sealed class OverdueTaskScan(IServiceScopeFactory scopes, IDbContextFactory<WorkflowDbContext> engine, IOptions<OverdueTaskOptions> options, TimeProvider clock)
{
    /// <summary>The alert type of a late task.</summary>
    public const string Overdue = "task-overdue";

    /// <summary>The alert type of a task late past the escalation delay.</summary>
    public const string Escalated = "task-overdue-escalated";

    /// <summary>The day the team has to act on a late task before its alert itself is overdue; an escalation is due at once.</summary>
    public static readonly TimeSpan ActWithin = TimeSpan.FromDays(1);

    /// <summary>The PostgreSQL advisory lock key held by the node scanning: with several nodes, one scan at a time.</summary>
    public const long ScanLockKey = 0x4F52_4348_4F56_4552; // "ORCHOVER"

    /// <summary>
    /// Raises the alerts open tasks now deserve and settles those of tasks no longer open; returns how many were raised. Nodes
    /// sharing a database scan one after the other (<see cref="NodeExclusion"/>), each seeing what the previous one raised, so a
    /// late task raises its alert once however many nodes run.
    /// </summary>
    public async Task<int> ScanAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        await using var exclusion = await NodeExclusion.AcquireAsync(db, ScanLockKey, ct);
        var now = clock.GetUtcNow();
        var (grace, escalation) = (options.Value.Grace, options.Value.Escalation);
        // Only the columns the scan uses, untracked: a region holds tens of thousands of late tasks and of open overdue alerts
        // (33,000 and 61,000 on five simulated years), and reading whole tasks (their form's JSON) and tracking every alert
        // allocated a few hundred MB at each pass, which the host kept as working set.
        List<LateTask> late;
        await using (var wf = await engine.CreateDbContextAsync(ct))
        {
            var lateFrom = now - grace;
            late = await wf.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open && t.DueAt != null && t.DueAt <= lateFrom)
                .Select(t => new LateTask(t.BusinessKey, t.ElementId, t.Name, t.DueAt!.Value)).ToListAsync(ct);
        }
        var open = await db.Alerts.AsNoTracking().Where(a => (a.Type == Overdue || a.Type == Escalated) && a.State != AlertState.Resolved)
            .Select(a => new OpenAlert(a.Id, a.EpisodeId, a.Type, a.ResolvedByTask)).ToListAsync(ct);
        var raisedFor = open.Select(a => (a.EpisodeId, a.Type, a.ResolvedByTask)).ToHashSet();
        var episodes = await ActiveEpisodesAsync(db, late, ct);
        var raised = 0;
        foreach (var task in late)
        {
            if (!Guid.TryParse(task.BusinessKey, out var episodeId) || !episodes.TryGetValue(episodeId, out var episode)) continue;
            var due = task.DueAt;
            if (!raisedFor.Contains((episodeId, Overdue, task.ElementId)))
            {
                db.Alerts.Add(Raise(episode, task, Overdue, "medium", $"« {task.Name} » attendue depuis le {Components.Shared.RoleLabels.Date(due)}", now, now + ActWithin));
                raised++;
            }
            if (due + escalation <= now && !raisedFor.Contains((episodeId, Escalated, task.ElementId)))
            {
                db.Alerts.Add(Raise(episode, task, Escalated, "high",
                    $"« {task.Name} » attendue depuis le {Components.Shared.RoleLabels.Date(due)} : signalée à la direction", now, now));
                raised++;
            }
        }
        // A task its pathway cancelled (a boundary timer, an exit) is no longer late.
        var stillLate = late.Select(t => (t.BusinessKey, t.ElementId)).ToHashSet();
        var settled = open.Where(a => !stillLate.Contains((a.EpisodeId.ToString(), a.ResolvedByTask!))).ToList();
        if (settled.Count > 0)
        {
            // One read of the tasks still open for those episodes, not one per alert.
            var keys = settled.Select(a => a.EpisodeId.ToString()).Distinct().ToList();
            HashSet<(string?, string)> stillOpen;
            await using (var wf = await engine.CreateDbContextAsync(ct))
                stillOpen = (await wf.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open && keys.Contains(t.BusinessKey!))
                    .Select(t => new { t.BusinessKey, t.ElementId }).ToListAsync(ct)).Select(t => (t.BusinessKey, t.ElementId)).ToHashSet();
            // Only the alerts to resolve are read tracked, so that their resolution is saved under their concurrency token.
            var resolve = settled.Where(a => !stillOpen.Contains((a.EpisodeId.ToString(), a.ResolvedByTask!))).Select(a => a.Id).ToList();
            foreach (var chunk in resolve.Chunk(IdsPerRead))
                foreach (var alert in await db.Alerts.Where(a => chunk.Contains(a.Id) && a.State != AlertState.Resolved).ToListAsync(ct))
                    alert.Resolve(null, now, "Tâche close");
        }
        await db.SaveChangesAsync(ct);
        await exclusion.CommitAsync(ct);
        return raised;
    }

    /// <summary>What the scan reads of a late task.</summary>
    private sealed record LateTask(string? BusinessKey, string ElementId, string Name, DateTimeOffset DueAt);

    /// <summary>What the scan reads of an open overdue alert: enough to know whether it is raised and whether it is settled.</summary>
    private sealed record OpenAlert(Guid Id, Guid EpisodeId, string Type, string? ResolvedByTask);

    /// <summary>What an alert copies of its episode.</summary>
    private sealed record ActiveEpisode(Guid Id, Guid PersonId, Guid StructureId);

    /// <summary>
    /// The active episodes the late tasks belong to, read in chunks of <see cref="IdsPerRead"/> ids: a region holds thousands of
    /// late tasks, and one read per task made each scan cost a query per late task.
    /// </summary>
    private static async Task<Dictionary<Guid, ActiveEpisode>> ActiveEpisodesAsync(OrchestratorDbContext db, IEnumerable<LateTask> late, CancellationToken ct)
    {
        var ids = late.Select(t => Guid.TryParse(t.BusinessKey, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        var episodes = new Dictionary<Guid, ActiveEpisode>(ids.Count);
        foreach (var chunk in ids.Chunk(IdsPerRead))
            foreach (var episode in await db.Episodes.AsNoTracking().Where(e => chunk.Contains(e.Id) && e.Status == EpisodeStatus.Active)
                         .Select(e => new ActiveEpisode(e.Id, e.PersonId, e.StructureId)).ToListAsync(ct))
                episodes[episode.Id] = episode;
        return episodes;
    }

    /// <summary>Ids per query (episodes, alerts), well under the bound parameters SQLite and PostgreSQL accept in one statement.</summary>
    private const int IdsPerRead = 500;

    private static Alert Raise(ActiveEpisode episode, LateTask task, string type, string severity, string message, DateTimeOffset now, DateTimeOffset actBy) => new()
    {
        EpisodeId = episode.Id, PersonId = episode.PersonId, StructureId = episode.StructureId, Type = type, Severity = severity,
        Message = message, RaisedAt = now, DueAt = actBy, ResolvedByTask = task.ElementId,
    };
}

/// <summary>Runs <see cref="OverdueTaskScan"/> at start and every <see cref="OverdueTaskOptions.Period"/>.</summary>
public sealed class OverdueTaskService(OverdueTaskScan scan, IOptions<OverdueTaskOptions> options, TimeProvider clock, ILogger<OverdueTaskService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new Hosting.WakeSignal(clock).RunAsync(scan.ScanAsync, options.Value.Period, logger, "Checking overdue tasks", stoppingToken);
}
