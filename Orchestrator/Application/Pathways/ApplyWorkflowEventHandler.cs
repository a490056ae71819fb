using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Activities;
using Orchestrator.Application.Alerts;
using Orchestrator.Application.Messaging;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Outbox;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Runtime;

namespace Orchestrator.Application.Pathways;

/// <summary>
/// Applies milestones, alerts, handoffs, referent requests and instance ends to the domain. Delivery is
/// at least once, so every change here is idempotent.
/// </summary>
public sealed partial class ApplyWorkflowEventHandler(
    OrchestratorDbContext db,
    ReferentAssigner referents,
    PostCommitNotifications notifications,
    Tasks.OverdueTaskScan overdue,
    IMediator mediator,
    ILogger<ApplyWorkflowEventHandler> logger) : IRequestHandler<ApplyWorkflowEventCommand, Unit>
{
    /// <inheritdoc/>
    /// <remarks>
    /// The events of a batch are applied one after the other in one scope, each saved before the next reads (a task completed after
    /// the risk it settles was flagged in the same batch finds the alert): each event is applied whole or not at all, as when they
    /// come one by one. Should one fail, what the events before it changed stays saved and is announced, and
    /// <see cref="EventBatchStoppedException"/> says how many they were, so that only the rest comes again. Open screens are
    /// told once per episode.
    /// </remarks>
    /// <exception cref="EventBatchStoppedException">An event of a batch (of more than one) could not be applied; the ones before it were.</exception>
    public async Task<Unit> Handle(ApplyWorkflowEventCommand request, CancellationToken cancellationToken)
    {
        if (request.Events.Count == 1)
        {
            await ApplyAsync(request.Events[0], cancellationToken); // saved by the unit of work
            return Unit.Value;
        }
        var saved = new List<MediatR.INotification>();
        var applied = 0;
        // One connection for the batch's reads and saves, not one per statement.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (; applied < request.Events.Count; applied++)
            {
                await ApplyAsync(request.Events[applied], cancellationToken);
                if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(cancellationToken); // most events change nothing but screens
                saved.AddRange(notifications.TakeAll());
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // What the earlier events changed is committed: it is announced, once, even though the batch stops here.
            foreach (var notification in Distinct(saved)) await mediator.Publish(notification, CancellationToken.None);
            throw new EventBatchStoppedException(applied, e);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        foreach (var notification in Distinct(saved)) notifications.Add(notification);
        return Unit.Value;
    }

    /// <summary>Each notification in order, a screen reload (<see cref="PathwayChanged"/>) once per episode; every other one as many times as raised.</summary>
    private static IEnumerable<MediatR.INotification> Distinct(List<MediatR.INotification> notifications)
    {
        var reloads = new HashSet<PathwayChanged>();
        return notifications.Where(n => n is not PathwayChanged reload || reloads.Add(reload));
    }

    private async Task ApplyAsync(Workflows.Engine.WorkflowEvent e, CancellationToken cancellationToken)
    {
        var at = e.Payload["at"] is { } text && DateTimeOffset.TryParse(text.GetValue<string>(), out var parsed) ? parsed : e.At;
        // Events that change no row of the episode itself name it by their business key: it is not read (a third of all events are
        // new tasks, which only open screens care about). Without a business key the episode is found by its instance below.
        if (Guid.TryParse(e.Payload["businessKey"]?.GetValue<string>(), out var episodeId) && await ApplyByKeyAsync(e, episodeId, at, cancellationToken))
        {
            notifications.Add(new PathwayChanged(episodeId));
            return;
        }
        // An episode an earlier event of the batch read is taken from the change tracker rather than read again.
        var episode = episodeId != Guid.Empty
            ? await db.Episodes.FindAsync([episodeId], cancellationToken)
            // Engine events such as an instance's end carry no business key; the episode knows its instance.
            : db.Episodes.Local.FirstOrDefault(x => x.InstanceId == e.InstanceId)
              ?? await db.Episodes.FirstOrDefaultAsync(x => x.InstanceId == e.InstanceId, cancellationToken);
        if (episode is null)
        {
            LogNoEpisode(logger, e.Type, e.InstanceId);
            return;
        }
        switch (e.Type)
        {
            case ActivityEvents.MilestoneReached: await MilestoneAsync(episode, e.Payload, at, cancellationToken); break;
            case ActivityEvents.RiskFlagged: await AlertAsync(episode, e, at, cancellationToken); break;
            case ActivityEvents.HandoffProposed: await HandoffAsync(episode, e.Payload, at, cancellationToken); break;
            case ActivityEvents.ReferentRequested:
                if (episode.IsActive && episode.ReferentId is null)
                    await referents.AssignAsync(episode, e.Payload["role"]?.GetValue<string>(), at, cancellationToken);
                break;
            case ActivityEvents.ReferentNotified:
                notifications.Add(new Notifications.ReferentNotificationRequested(episode.Id, e.Payload["subject"]!.GetValue<string>(), e.Payload["body"]?.GetValue<string>()));
                break;
            case WorkflowEvents.InstanceEnded when episode.InstanceId == e.InstanceId && episode.IsActive:
                episode.Close(at);
                break;
            default:
                await ApplyByKeyAsync(e, episode.Id, at, cancellationToken);
                break;
        }
        notifications.Add(new PathwayChanged(episode.Id));
    }

    /// <summary>
    /// Applies an event that needs only its episode's id (alerts a task settles, a proposal to close, a new task for the screens);
    /// false for an event that reads or changes the episode's row.
    /// </summary>
    private async Task<bool> ApplyByKeyAsync(Workflows.Engine.WorkflowEvent e, Guid episodeId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        switch (e.Type)
        {
            case WorkflowEvents.TaskCompleted:
                var element = e.Payload["elementId"]!.GetValue<string>();
                foreach (var settled in await HotPathQueries.For(db).UnresolvedAlertsSettledBy(db, episodeId, element).ToListAsync(cancellationToken))
                    settled.Resolve(null, at, "Tâche faite");
                return true;
            case WorkflowEvents.TaskCancelled:
                await overdue.SettleAsync(db, episodeId, e.Payload["elementId"]!.GetValue<string>(), at, cancellationToken);
                return true;
            // A proposal is closed only by its own episode's pathway: an event of another episode, or of none, changes nothing.
            case ActivityEvents.HandoffExpired:
                var handoffId = Guid.Parse(e.Payload["handoffId"]!.GetValue<string>());
                (await db.Handoffs.FirstOrDefaultAsync(h => h.Id == handoffId && h.EpisodeId == episodeId, cancellationToken))?.Expire(at);
                return true;
            // A proposal whose pathway stopped waiting for the answer (its scope ended) is closed, so that no structure accepts it.
            case WorkflowEvents.WaitCancelled when e.Payload["messageName"]?.GetValue<string>() == ActivityEvents.HandoffAnswered
                                                 && Guid.TryParse(e.Payload["correlationKey"]?.GetValue<string>(), out var proposal):
                (await db.Handoffs.FirstOrDefaultAsync(h => h.Id == proposal && h.EpisodeId == episodeId, cancellationToken))?.Expire(at);
                return true;
            case WorkflowEvents.TaskCreated or WorkflowEvents.WaitCancelled or WorkflowEvents.IncidentRaised:
                return true;
            default:
                return false;
        }
    }

    private async Task MilestoneAsync(Episode episode, JsonObject payload, DateTimeOffset at, CancellationToken ct)
    {
        var code = payload["milestone"]!.GetValue<string>();
        if (await HotPathQueries.For(db).MilestoneRecorded(db, episode.Id, code, at, ct)) return;
        db.Milestones.Add(new Milestone { EpisodeId = episode.Id, Code = code, Label = payload["label"]?.GetValue<string>() ?? code, At = at });
        if (payload["stage"]?.GetValue<string>() is { Length: > 0 } stage && episode.IsActive)
        {
            episode.MoveTo(Enum.Parse<EpisodeStage>(stage.Replace("-", ""), ignoreCase: true), at);
            if (episode.Stage == EpisodeStage.Stay && episode.SiteId is null) await PlaceAsync(episode, ct);
        }
    }

    /// <summary>The site with the most free places; with none free the person still gets one (the board shows the overflow).</summary>
    private async Task PlaceAsync(Episode episode, CancellationToken ct)
    {
        var sites = await db.Sites.AsNoTracking().Where(s => s.StructureId == episode.StructureId).ToListAsync(ct);
        if (sites.Count == 0) return;
        var used = await db.Episodes.Where(e => e.StructureId == episode.StructureId && e.Status == EpisodeStatus.Active && e.Stage == EpisodeStage.Stay && e.SiteId != null)
            .GroupBy(e => e.SiteId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key!.Value, x => x.Count, ct);
        episode.PlaceAt(sites.OrderByDescending(s => s.Capacity - used.GetValueOrDefault(s.Id)).ThenBy(s => s.Name).First().Id);
    }

    private async Task AlertAsync(Episode episode, Workflows.Engine.WorkflowEvent e, DateTimeOffset at, CancellationToken ct)
    {
        var payload = e.Payload;
        var type = payload["riskType"]!.GetValue<string>();
        if (await HotPathQueries.For(db).AlertOfEvent(db, e.Id, ct)) return;
        var alert = db.Alerts.Add(new Alert
        {
            EpisodeId = episode.Id, PersonId = episode.PersonId, StructureId = episode.StructureId, Type = type,
            Severity = payload["severity"]?.GetValue<string>() ?? "medium", Message = payload["message"]?.GetValue<string>(),
            RaisedAt = at, SourceEventId = e.Id, ResolvedByTask = payload["resolvedBy"]?.GetValue<string>(),
            DueAt = payload["dueAt"] is { } due && DateTimeOffset.TryParse(due.GetValue<string>(), out var dueAt) ? dueAt : at,
        }).Entity;
        notifications.Add(new AlertRaised(alert.Id));
    }

    private async Task HandoffAsync(Episode episode, JsonObject payload, DateTimeOffset at, CancellationToken ct)
    {
        var id = Guid.Parse(payload["handoffId"]!.GetValue<string>());
        if (await db.Handoffs.AnyAsync(h => h.Id == id, ct)) return;
        var target = payload["targetType"]!.GetValue<string>();
        var device = DeviceCatalog.HandoffTarget(target);
        var handoff = db.Handoffs.Add(new Handoff
        {
            Id = id, EpisodeId = episode.Id, PersonId = episode.PersonId, FromStructureId = episode.StructureId,
            TargetType = target, TargetDevice = device, Reason = Text(payload["reason"], 1000),
            ExpectedAt = payload["expectedDate"]?.GetValue<string>() is { } expected && DateTimeOffset.TryParse(expected, System.Globalization.CultureInfo.InvariantCulture, out var expectedAt) ? expectedAt : null,
            SharedSummary = Text(payload["summary"], 2000),
            ProposedAt = at,
            AnswerDueAt = payload["answerDueAt"] is { } due && DateTimeOffset.TryParse(due.GetValue<string>(), out var dueAt) ? dueAt : null,
        }).Entity;
        // A proposal nobody in the directory can see would only expire: it becomes an external orientation at once,
        // and the pathway asks the referent for the contact and whether the orientation took place.
        if (device is not { } kind || !await db.Structures.AnyAsync(s => s.Type == kind, ct))
        {
            handoff.RecordExternal(at);
            db.DomainOutbox.Add(DomainOutboxEntry.Owe(DomainOutboxKinds.DeliverHandoffAnswer, handoff.Id, at));
            notifications.Add(new Handoffs.ExternalOrientationRecorded(handoff.Id));
        }
    }

    /// <summary>A text input of an event, blank as null and cut to the column's length.</summary>
    private static string? Text(JsonNode? node, int max) =>
        node?.GetValue<string>() is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim()[..Math.Min(text.Trim().Length, max)] : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Workflow event {Type} of instance {InstanceId} concerns no episode; ignored")]
    private static partial void LogNoEpisode(ILogger logger, string type, Guid instanceId);
}
