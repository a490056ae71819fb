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
/// <see cref="OverdueTaskOptions.Escalation"/> a high « Tâche très en retard » alert for the director. Each task raises each alert
/// once: one the team resolved by hand while the task stays open is not raised again (the escalation still comes). Both are
/// settled by the task itself: completing it resolves them (the alert names it in <see cref="Alert.ResolvedByTask"/>), and so does
/// its pathway cancelling it (<see cref="SettleAsync(OrchestratorDbContext, Guid, string, DateTimeOffset, CancellationToken)"/>, on the engine's <c>wf.task.cancelled</c> event).
/// </summary>
/// <remarks>
/// A pass reads only the tasks that crossed a threshold since the previous pass (<see cref="OverdueScanMark"/>): a region leaves
/// thousands of tasks late for months, and reading them all every quarter of an hour made the scan the costliest work of the host.
/// The first pass on a database (or after its clock was set back) reads every late task once.
/// </remarks>
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
    /// How far back each pass looks again at tasks created before the previous one: a step that began before that pass may commit
    /// after it read, and nodes' clocks differ a little. Re-reading them costs little; the once-per-task rule keeps them from
    /// raising twice.
    /// </summary>
    public static readonly TimeSpan CreatedOverlap = TimeSpan.FromHours(1);

    /// <summary>
    /// Raises the alerts open tasks now deserve and returns how many were raised. Nodes sharing a database scan one after the other
    /// (<see cref="NodeExclusion"/>), each seeing what the previous one raised and how far it looked, so a late task raises its alert
    /// once however many nodes run.
    /// </summary>
    public async Task<int> ScanAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        await using var exclusion = await NodeExclusion.AcquireAsync(db, ScanLockKey, ct);
        var now = clock.GetUtcNow();
        var (lateFrom, escalateFrom) = (now - options.Value.Grace, now - options.Value.Escalation);
        var mark = await db.OverdueScanMarks.FirstOrDefaultAsync(m => m.Id == OverdueScanMark.Current, ct);
        // With no mark yet (a new or upgraded database), or a clock set back (a restored backup), every late task is read once.
        var full = mark is null || mark.CreatedThrough > now;
        var candidates = full ? await LateTasksAsync(lateFrom, ct) : await NewlyLateTasksAsync(mark!, lateFrom, escalateFrom, ct);
        var episodes = await ActiveEpisodesAsync(db, candidates, ct);
        candidates = candidates.Where(t => EpisodeOf(t) is { } id && episodes.ContainsKey(id)).ToList();
        var alerts = await OverdueAlertsAsync(db, episodes.Keys, ct);
        var added = new List<Alert>();
        foreach (var task in candidates.OrderBy(t => t.DueAt))
        {
            var episode = episodes[EpisodeOf(task)!.Value];
            var due = task.DueAt!.Value;
            if (due <= lateFrom && !Alerted(alerts, episode.Id, Overdue, task))
            {
                added.Add(db.Alerts.Add(Raise(episode, task, Overdue, "medium", $"Tâche « {task.Name} » à faire depuis le {Components.Shared.RoleLabels.Date(due)}", now, now + ActWithin)).Entity);
                alerts.Add(Raised(added[^1]));
            }
            if (due <= escalateFrom && !Alerted(alerts, episode.Id, Escalated, task))
            {
                added.Add(db.Alerts.Add(Raise(episode, task, Escalated, "high",
                    $"Tâche « {task.Name} » à faire depuis le {Components.Shared.RoleLabels.Date(due)} : signalée à la direction", now, now)).Entity);
                alerts.Add(Raised(added[^1]));
            }
        }
        // Cancelled tasks settle their alerts as their event arrives; a first pass also settles those of tasks that ended before it
        // (on a database upgraded from a version that settled only the late-task alerts, the risk alerts its exits left open).
        if (full) await SettleAsync(db, db.Alerts.Where(a => a.ResolvedByTask != null && a.State != AlertState.Resolved), now, ct);
        if (mark is null) mark = db.OverdueScanMarks.Add(new OverdueScanMark()).Entity;
        // A longer delay configured since the last pass moves a threshold back: what lies between was already checked.
        mark.LateDueThrough = full || lateFrom > mark.LateDueThrough ? lateFrom : mark.LateDueThrough;
        mark.EscalationDueThrough = full || escalateFrom > mark.EscalationDueThrough ? escalateFrom : mark.EscalationDueThrough;
        mark.CreatedThrough = now - CreatedOverlap;
        await db.SaveChangesAsync(ct);
        await exclusion.CommitAsync(ct);
        // Once committed, the new alerts are announced as any other: logged, and the open boards reload at once.
        var mediator = scope.ServiceProvider.GetRequiredService<MediatR.IMediator>();
        foreach (var alert in added) await mediator.Publish(new Alerts.AlertRaised(alert.Id), CancellationToken.None);
        return added.Count;
    }

    /// <summary>
    /// Settles the alerts of <paramref name="episodeId"/> that name <paramref name="elementId"/> as the task resolving them, once no
    /// task of that element is open any more because its pathway cancelled it (a boundary timer, an exit, the pathway's end): the
    /// « Tâche en retard » alerts and the pathway's own risk alerts alike (« Contrat non signé » asks for the signature task; once
    /// the person has left, nobody can do it, and the alert stayed on the boards for months). An alert that names no task
    /// (an orientation that could not be completed) is never settled this way: someone still has to act on it. Changes are left
    /// in <paramref name="db"/>'s unit of work for the caller to save.
    /// </summary>
    public Task SettleAsync(OrchestratorDbContext db, Guid episodeId, string elementId, DateTimeOffset at, CancellationToken ct = default) =>
        SettleAsync(db, db.Alerts.Where(a => a.EpisodeId == episodeId && a.ResolvedByTask == elementId && a.State != AlertState.Resolved), at, ct);

    private async Task SettleAsync(OrchestratorDbContext db, IQueryable<Alert> unresolved, DateTimeOffset at, CancellationToken ct)
    {
        // Projected first: a first pass may look at tens of thousands of unresolved alerts to resolve a few.
        var candidates = await unresolved.AsNoTracking().Select(a => new { a.Id, a.EpisodeId, a.ResolvedByTask }).ToListAsync(ct);
        if (candidates.Count == 0) return;
        // One read of the tasks still open for those episodes, not one per alert.
        var keys = candidates.Select(a => a.EpisodeId.ToString()).Distinct().ToList();
        var stillOpen = new HashSet<(string?, string)>();
        await using (var wf = await engine.CreateDbContextAsync(ct))
            foreach (var chunk in keys.Chunk(IdsPerRead))
                stillOpen.UnionWith((await wf.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open && chunk.Contains(t.BusinessKey!))
                    .Select(t => new { t.BusinessKey, t.ElementId }).ToListAsync(ct)).Select(t => (t.BusinessKey, t.ElementId)));
        // Only the alerts to resolve are read tracked, so that their resolution is saved under their concurrency token.
        var settled = candidates.Where(a => !stillOpen.Contains((a.EpisodeId.ToString(), a.ResolvedByTask!))).Select(a => a.Id).ToList();
        foreach (var chunk in settled.Chunk(IdsPerRead))
            foreach (var alert in await db.Alerts.Where(a => chunk.Contains(a.Id) && a.State != AlertState.Resolved).ToListAsync(ct))
                alert.Resolve(null, at, "Tâche close");
    }

    /// <summary>What the scan reads of a task: no form, no answers (a region's late tasks carry megabytes of them).</summary>
    private sealed record LateTask(Guid Id, string? BusinessKey, string ElementId, string Name, DateTimeOffset? DueAt, DateTimeOffset CreatedAt);

    /// <summary>What the scan reads of an overdue alert already raised: enough to tell whether a task raised it.</summary>
    private sealed record RaisedAlert(Guid EpisodeId, string Type, string? ResolvedByTask, AlertState State, DateTimeOffset RaisedAt);

    /// <summary>What an alert copies of its episode.</summary>
    private sealed record ActiveEpisode(Guid Id, Guid PersonId, Guid StructureId);

    private async Task<List<LateTask>> LateTasksAsync(DateTimeOffset lateFrom, CancellationToken ct)
    {
        await using var wf = await engine.CreateDbContextAsync(ct);
        return await wf.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open && t.DueAt != null && t.DueAt <= lateFrom)
            .Select(t => new LateTask(t.Id, t.BusinessKey, t.ElementId, t.Name, t.DueAt, t.CreatedAt)).ToListAsync(ct);
    }

    /// <summary>
    /// The open tasks that crossed a threshold since <paramref name="mark"/>: became late, reached the escalation delay, or were
    /// created already late (a deadline a pathway computed from a date in the past). Each is read with the index that bounds it.
    /// </summary>
    private async Task<List<LateTask>> NewlyLateTasksAsync(OverdueScanMark mark, DateTimeOffset lateFrom, DateTimeOffset escalateFrom, CancellationToken ct)
    {
        await using var wf = await engine.CreateDbContextAsync(ct);
        var open = wf.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open);
        var (late, escalated, created) = (mark.LateDueThrough, mark.EscalationDueThrough, mark.CreatedThrough);
        var tasks = await Project(open.Where(t => t.DueAt > late && t.DueAt <= lateFrom)).ToListAsync(ct);
        tasks.AddRange(await Project(open.Where(t => t.DueAt > escalated && t.DueAt <= escalateFrom)).ToListAsync(ct));
        // Bounded by creation only, so that the database walks the few tasks opened since, not every late one.
        tasks.AddRange((await Project(open.Where(t => t.CreatedAt > created)).ToListAsync(ct)).Where(t => t.DueAt <= lateFrom));
        return tasks.DistinctBy(t => t.Id).ToList();

        static IQueryable<LateTask> Project(IQueryable<HumanTaskRecord> tasks) =>
            tasks.Select(t => new LateTask(t.Id, t.BusinessKey, t.ElementId, t.Name, t.DueAt, t.CreatedAt));
    }

    /// <summary>
    /// Whether <paramref name="task"/> already raised an alert of <paramref name="type"/>: one still unresolved for its element, or
    /// one raised since the task opened (resolved by hand while the task stays open).
    /// </summary>
    private static bool Alerted(List<RaisedAlert> alerts, Guid episodeId, string type, LateTask task) =>
        alerts.Any(a => a.EpisodeId == episodeId && a.Type == type && a.ResolvedByTask == task.ElementId
            && (a.State != AlertState.Resolved || a.RaisedAt >= task.CreatedAt));

    private static async Task<List<RaisedAlert>> OverdueAlertsAsync(OrchestratorDbContext db, IEnumerable<Guid> episodeIds, CancellationToken ct)
    {
        var alerts = new List<RaisedAlert>();
        foreach (var chunk in episodeIds.Chunk(IdsPerRead))
            alerts.AddRange(await db.Alerts.AsNoTracking().Where(a => chunk.Contains(a.EpisodeId) && (a.Type == Overdue || a.Type == Escalated))
                .Select(a => new RaisedAlert(a.EpisodeId, a.Type, a.ResolvedByTask, a.State, a.RaisedAt)).ToListAsync(ct));
        return alerts;
    }

    private static RaisedAlert Raised(Alert alert) => new(alert.EpisodeId, alert.Type, alert.ResolvedByTask, alert.State, alert.RaisedAt);

    private static Guid? EpisodeOf(LateTask task) => Guid.TryParse(task.BusinessKey, out var id) ? id : null;

    /// <summary>
    /// The active episodes the late tasks belong to, read in chunks of <see cref="IdsPerRead"/> ids: a region holds thousands of
    /// late tasks, and one read per task made each scan cost a query per late task.
    /// </summary>
    private static async Task<Dictionary<Guid, ActiveEpisode>> ActiveEpisodesAsync(OrchestratorDbContext db, IEnumerable<LateTask> late, CancellationToken ct)
    {
        var ids = late.Select(EpisodeOf).OfType<Guid>().Distinct().ToList();
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
    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new Hosting.WakeSignal(clock).RunAsync(scan.ScanAsync, options.Value.Period, logger, "Checking overdue tasks", stoppingToken);
}
