using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Runtime;

namespace Orchestrator.Workflows.Engine;

public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Runs the failed step again; on success the incident is resolved in the same transaction. An incident whose step no longer
    /// exists (its token was withdrawn) is closed and <see cref="TimerOutcome.AlreadyConsumed"/> returned.
    /// </summary>
    public async Task<TimerOutcome> RetryIncidentAsync(Guid incidentId, CancellationToken ct = default)
    {
        IncidentRecord? incident;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, ct);
        if (incident is null) throw new WorkflowNotFoundException(MissingSubject.Incident, incidentId.ToString(), $"Incident {incidentId} does not exist.");
        if (incident.ResolvedAt is not null) throw new WorkflowConflictException(WorkflowConflict.IncidentResolved, $"Incident {incidentId} is already resolved.");
        // A start that failed on a message or a signal (no instance, no step): the message or the signal is gone (its sender sends it
        // again; a thrown message still stored is delivered again by the reconciler), so asking to retry is someone closing it.
        var startFailure = incident.BookmarkId is null && incident.InstanceId == Guid.Empty;
        if (incident.BookmarkId is null && !startFailure) throw new WorkflowException("not-retryable", $"Incident {incidentId} has no step to retry.");
        BookmarkRecord? bookmark = null;
        if (!startFailure)
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
                bookmark = await db.Bookmarks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == incident.BookmarkId, ct);
        if (bookmark is null)
        {
            // Its token was taken away since (the activity ended, the other event of a race won, the instance ended): no step
            // is left to run again. The incident stayed open until now so that someone saw the path that failed; asking to retry
            // it is that someone closing it.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var open = await db.Incidents.FirstAsync(i => i.Id == incidentId, ct);
            open.ResolvedAt ??= clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return TimerOutcome.AlreadyConsumed;
        }
        if (bookmark.Kind == BookmarkKind.UserTask)
            throw new WorkflowException("not-retryable",
                $"Incident {incidentId} came from completing task '{bookmark.ElementId}': it is retried by completing the task again, once its cause is fixed.");
        if (bookmark.Kind != BookmarkKind.Message) return await FireTimerAsync(bookmark.Id, ct);
        if (bookmark.MessageName?.StartsWith(WellKnownMessages.SignalPrefix, StringComparison.Ordinal) == true)
            return await ResumeWaitingAsync(bookmark.InstanceId, [bookmark], ct) > 0 ? TimerOutcome.Fired : TimerOutcome.Failed;
        return await RedeliverAsync(incident, bookmark, ct);
    }

    /// <summary>
    /// Delivers again the stored message a failed delivery left for <paramref name="bookmark"/> (a message an instance threw);
    /// closes the incident when nothing is stored (a message published from outside, which its sender sends again).
    /// </summary>
    private async Task<TimerOutcome> RedeliverAsync(IncidentRecord incident, BookmarkRecord bookmark, CancellationToken ct)
    {
        List<Guid> messages;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            messages = await db.PendingMessages.AsNoTracking()
                .Where(m => m.Name == bookmark.MessageName && m.CorrelationKey == bookmark.CorrelationKey)
                .OrderBy(m => m.ReceivedAt).Select(m => m.Id).ToListAsync(ct);
        foreach (var id in messages) await DeliverStoredMessageAsync(id, ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (messages.Count > 0 && await db.Bookmarks.AnyAsync(b => b.Id == bookmark.Id, ct)) return TimerOutcome.Failed;
            var open = await db.Incidents.FirstAsync(i => i.Id == incident.Id, ct);
            open.ResolvedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        // A message published from outside is not kept when its delivery fails (its sender sends it again): with nothing stored
        // to deliver, asking to retry is someone closing the incident, as for a step that no longer exists.
        return messages.Count == 0 ? TimerOutcome.AlreadyConsumed : TimerOutcome.Fired;
    }

    private static async Task ResolveIncidentsAsync(WorkflowDbContext db, Guid bookmarkId, DateTimeOffset now, CancellationToken ct)
    {
        var open = await StepQueries.For(db).OpenIncidentsOf(db, bookmarkId).ToListAsync(ct);
        foreach (var incident in open) incident.ResolvedAt = now;
    }

    /// <param name="bookmarkId">The step to retry; null for a failure no retry can mend (the model must change), kept once per element.</param>
    /// <param name="instanceId">The instance whose step failed.</param>
    /// <param name="elementId">The element the step failed at.</param>
    /// <param name="error">The failure; its message and full text are kept on the incident.</param>
    /// <param name="ct">Cancels the write.</param>
    private async Task RecordIncidentAsync(Guid instanceId, string elementId, Guid? bookmarkId, Exception error, CancellationToken ct)
    {
        // The element at fault (a gateway after the timer, say) rather than the element whose bookmark resumed.
        if (error is StepFailedException failed) elementId = failed.ElementId;
        LogIncident(logger, instanceId, elementId, error);
        metrics.IncidentRecorded(elementId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.BookmarkId == bookmarkId && i.ResolvedAt == null
            && (bookmarkId != null || (i.InstanceId == instanceId && i.ElementId == elementId)), ct);
        if (incident is null)
        {
            incident = new IncidentRecord { Id = OrderedIds.Next(now), InstanceId = instanceId, ElementId = elementId, BookmarkId = bookmarkId, CreatedAt = now };
            db.Incidents.Add(incident);
        }
        incident.Attempts++;
        incident.Message = error.Message;
        incident.Detail = error.ToString();
        db.Outbox.Add(new OutboxRecord
        {
            InstanceId = instanceId,
            Type = WorkflowEvents.IncidentRaised,
            CreatedAt = now,
            Payload = new JsonObject { ["incidentId"] = incident.Id, ["instanceId"] = instanceId, ["elementId"] = elementId, ["message"] = error.Message }.ToJsonString(),
        });
        await db.SaveChangesAsync(ct);
        outbox.Signal();
    }

    /// <summary>
    /// The first step of an instance a message or a signal starts failed: the step was rolled back and no instance exists to carry the
    /// incident, so it is recorded on none (<see cref="IncidentRecord.InstanceId"/> empty, as for a start timer's), naming the element
    /// at fault and, in its message, the process. The administrator sees it among the starts that failed; retrying it closes it (the
    /// message or signal is gone; a thrown message still stored is delivered again by the reconciler).
    /// </summary>
    private Task RecordStartFailureAsync(Exception error, CancellationToken ct) =>
        RecordIncidentAsync(Guid.Empty, (error as StepFailedException)?.ElementId ?? "", null, error, ct);

    [LoggerMessage(Level = LogLevel.Error, Message = "Step of instance {InstanceId} at {ElementId} failed and was rolled back; incident recorded")]
    private static partial void LogIncident(ILogger logger, Guid instanceId, string elementId, Exception e);
}
