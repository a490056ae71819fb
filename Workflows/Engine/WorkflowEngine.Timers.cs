using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Runtime;
using Orchestrator.Workflows.Scheduling;

namespace Orchestrator.Workflows.Engine;

public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Resumes a timer bookmark. Firing one that is gone (the task was done, the activity left) does
    /// nothing, which is what makes a late or duplicate trigger harmless.
    /// </summary>
    public async Task<TimerOutcome> FireTimerAsync(Guid bookmarkId, CancellationToken ct = default)
    {
        BookmarkRecord? probe;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            probe = await StepQueries.For(db).TimerProbe(db, bookmarkId, ct);
        if (probe is null) return TimerOutcome.AlreadyConsumed;
        if (probe.DueAt > clock.GetUtcNow())
        {
            await timers.ScheduleAsync([new ScheduledTimer(probe.Id, probe.DueAt.Value)], ct);
            return TimerOutcome.NotDue;
        }
        metrics.TimerDue();
        if (probe.DefinitionId is { } definitionId) return Measured(probe, await FireStartTimerAsync(probe, definitionId, ct));
        try
        {
            return Measured(probe, await StepAsync(null, async session =>
            {
                var execution = await session.LoadAsync(probe.InstanceId, ct);
                var bookmark = execution.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId);
                if (bookmark is null || execution.Record.Status != InstanceStatus.Running) return TimerOutcome.AlreadyConsumed;
                await execution.ResumeAsync(bookmark, null, ct);
                await ResolveIncidentsAsync(session.Db, bookmarkId, session.Now, ct);
                return TimerOutcome.Fired;
            }, ct));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordIncidentAsync(probe.InstanceId, probe.ElementId, bookmarkId, e, ct);
            return TimerOutcome.Failed;
        }
    }

    private TimerOutcome Measured(BookmarkRecord timer, TimerOutcome outcome)
    {
        if (outcome == TimerOutcome.Fired) metrics.TimerFired(clock.GetUtcNow() - timer.DueAt!.Value);
        return outcome;
    }

    /// <summary>A timer start event: a new instance of the version that planned it, then the cycle's next occurrence.</summary>
    private async Task<TimerOutcome> FireStartTimerAsync(BookmarkRecord probe, Guid definitionId, CancellationToken ct)
    {
        try
        {
            return await StepAsync(null, async session =>
            {
                var bookmark = await session.Db.Bookmarks.FirstOrDefaultAsync(b => b.Id == probe.Id, ct);
                if (bookmark is null) return TimerOutcome.AlreadyConsumed;
                var definition = await definitions.GetAsync(session.Db, definitionId, ct);
                if (definition.State != DefinitionState.Published)
                {
                    session.Db.Bookmarks.Remove(bookmark);
                    return TimerOutcome.AlreadyConsumed;
                }
                await StartInSessionAsync(session, definition, new System.Text.Json.Nodes.JsonObject(), null, bookmark.ElementId, ct);
                if (bookmark.CycleRemaining is { } remaining && remaining != 0
                    && Timing.TimerValue.Next(bookmark.CycleInterval!, bookmark.DueAt, remaining, session.Now, options.Value.Zone) is { } plan)
                {
                    // One instance for all the occurrences missed while the host was down, then the next on the grid.
                    bookmark.DueAt = plan.Due;
                    bookmark.CycleRemaining = plan.CycleRemaining;
                    bookmark.CycleInterval = plan.CycleState;
                    session.Effects.TimersToSchedule.Add(new ScheduledTimer(bookmark.Id, plan.Due));
                }
                else session.Db.Bookmarks.Remove(bookmark);
                await ResolveIncidentsAsync(session.Db, bookmark.Id, session.Now, ct);
                return TimerOutcome.Fired;
            }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordIncidentAsync(probe.InstanceId, probe.ElementId, probe.Id, e, ct);
            return TimerOutcome.Failed;
        }
    }

    /// <summary>
    /// Fires, in due order, every timer due at the current time, those the firings arm already due included. For whoever drives a
    /// fake clock. A loop through a timer that is always due (a <c>PT0S</c> wait, a date in the past) arms one more at every
    /// firing, so <paramref name="limit"/> bounds how many fire in this call; the caller sees the count and decides.
    /// </summary>
    /// <returns>How many fired (at most <paramref name="limit"/>).</returns>
    public async Task<int> FireDueTimersAsync(int limit = int.MaxValue, CancellationToken ct = default)
    {
        var fired = 0;
        var tried = new HashSet<Guid>();
        while (true)
        {
            var now = clock.GetUtcNow();
            List<Guid> due;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
                due = await StepQueries.For(db).DueTimers(db, now).ToListAsync(ct);
            due.RemoveAll(tried.Contains); // a timer whose step failed stays, with its incident; do not spin on it
            if (due.Count == 0) return fired;
            foreach (var id in due)
            {
                tried.Add(id);
                if (await FireTimerAsync(id, ct) == TimerOutcome.Fired && ++fired >= limit) return fired;
            }
        }
    }

    /// <summary>The earliest pending timer, if any: a simulation jumps the clock straight to it.</summary>
    public async Task<DateTimeOffset?> NextTimerDueAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await StepQueries.For(db).NextTimerDue(db, ct);
    }
}
