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
    ILogger<ApplyWorkflowEventHandler> logger) : IRequestHandler<ApplyWorkflowEventCommand, Unit>
{
    /// <inheritdoc/>
    public async Task<Unit> Handle(ApplyWorkflowEventCommand request, CancellationToken cancellationToken)
    {
        var e = request.Event;
        var episode = Guid.TryParse(e.Payload["businessKey"]?.GetValue<string>(), out var id)
            ? await db.Episodes.FirstOrDefaultAsync(x => x.Id == id, cancellationToken)
            // Engine events such as an instance's end carry no business key; the episode knows its instance.
            : await db.Episodes.FirstOrDefaultAsync(x => x.InstanceId == e.InstanceId, cancellationToken);
        if (episode is null)
        {
            LogNoEpisode(logger, e.Type, e.InstanceId);
            return Unit.Value;
        }
        var at = e.Payload["at"] is { } text && DateTimeOffset.TryParse(text.GetValue<string>(), out var parsed) ? parsed : e.At;
        switch (e.Type)
        {
            case ActivityEvents.MilestoneReached: await MilestoneAsync(episode, e.Payload, at, cancellationToken); break;
            case ActivityEvents.RiskFlagged: await AlertAsync(episode, e, at, cancellationToken); break;
            case ActivityEvents.HandoffProposed: await HandoffAsync(episode, e.Payload, at, cancellationToken); break;
            case ActivityEvents.HandoffExpired:
                var handoffId = Guid.Parse(e.Payload["handoffId"]!.GetValue<string>());
                (await db.Handoffs.FirstOrDefaultAsync(h => h.Id == handoffId, cancellationToken))?.Expire(at);
                break;
            case ActivityEvents.ReferentRequested:
                if (episode.IsActive && episode.ReferentId is null)
                    await referents.AssignAsync(episode, e.Payload["role"]?.GetValue<string>(), at, cancellationToken);
                break;
            case ActivityEvents.ReferentNotified:
                notifications.Add(new Notifications.ReferentNotificationRequested(episode.Id, e.Payload["subject"]!.GetValue<string>(), e.Payload["body"]?.GetValue<string>()));
                break;
            case WorkflowEvents.TaskCompleted:
                var element = e.Payload["elementId"]!.GetValue<string>();
                foreach (var settled in await db.Alerts.Where(a => a.EpisodeId == episode.Id && a.ResolvedByTask == element && a.State != AlertState.Resolved).ToListAsync(cancellationToken))
                    settled.Resolve(null, at, "Tâche faite");
                break;
            // A proposal whose pathway stopped waiting for the answer (its scope ended) is closed, so that no structure accepts it.
            case WorkflowEvents.WaitCancelled when e.Payload["messageName"]?.GetValue<string>() == ActivityEvents.HandoffAnswered
                                                 && Guid.TryParse(e.Payload["correlationKey"]?.GetValue<string>(), out var proposal):
                (await db.Handoffs.FirstOrDefaultAsync(h => h.Id == proposal, cancellationToken))?.Expire(at);
                break;
            case WorkflowEvents.TaskCancelled:
                await overdue.SettleAsync(db, episode.Id, e.Payload["elementId"]!.GetValue<string>(), at, cancellationToken);
                break;
            case WorkflowEvents.InstanceEnded when episode.InstanceId == e.InstanceId && episode.IsActive:
                episode.Close(at);
                break;
        }
        notifications.Add(new PathwayChanged(episode.Id));
        return Unit.Value;
    }

    private async Task MilestoneAsync(Episode episode, JsonObject payload, DateTimeOffset at, CancellationToken ct)
    {
        var code = payload["milestone"]!.GetValue<string>();
        if (await db.Milestones.AnyAsync(m => m.EpisodeId == episode.Id && m.Code == code && m.At == at, ct)) return;
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
        if (await db.Alerts.AnyAsync(a => a.SourceEventId == e.Id, ct)) return;
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
