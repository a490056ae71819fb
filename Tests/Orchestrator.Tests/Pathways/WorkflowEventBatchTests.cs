using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Notifications;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Activities;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Runtime;

namespace Orchestrator.Tests.Pathways;

/// <summary>
/// The outbox hands an episode's events over together; the domain applies them in one scope, each seeing what the ones before
/// it changed, and a batch that stops half-way loses nothing and applies nothing twice when it comes again one by one.
/// </summary>
public sealed class WorkflowEventBatchTests
{
    [Fact]
    public async Task A_task_completed_in_the_same_batch_as_the_risk_it_settles_resolves_the_alert_that_risk_raised()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var sink = h.Services.GetRequiredService<IWorkflowEventSink>();
        var at = h.Clock.GetUtcNow();

        await sink.HandleAsync([Risk(1, episode, "followUpCall", at), Event(2, WorkflowEvents.TaskCompleted, episode, at, new() { ["elementId"] = "followUpCall" })],
            CancellationToken.None);

        var alert = Assert.Single(await h.AlertsAsync(episode), a => a.SourceEventId == 1);
        Assert.Equal((AlertState.Resolved, "Tâche faite"), (alert.State, alert.Resolution));
    }

    [Fact]
    public async Task A_batch_that_stops_at_an_event_keeps_what_the_events_before_it_did_and_applies_it_once_when_handed_over_again_one_by_one()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var sink = h.Services.GetRequiredService<IWorkflowEventSink>();
        var at = h.Clock.GetUtcNow().AddHours(1);
        var milestone = Event(10, ActivityEvents.MilestoneReached, episode, at, new() { ["milestone"] = "batch-check", ["label"] = "Contrôle" });
        var risk = Risk(11, episode, null, at);
        var broken = Event(12, ActivityEvents.HandoffExpired, episode, at, new() { ["handoffId"] = "not-an-id" });

        await Assert.ThrowsAnyAsync<Exception>(() => sink.HandleAsync([milestone, risk, broken], CancellationToken.None));
        Assert.Single(await h.MilestonesAsync(episode), m => m == "batch-check");
        Assert.Single(await h.AlertsAsync(episode), a => a.SourceEventId == 11);

        // The outbox's fallback: the same events one by one, the broken one still failing.
        await sink.HandleAsync(milestone, CancellationToken.None);
        await sink.HandleAsync(risk, CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() => sink.HandleAsync(broken, CancellationToken.None));
        Assert.Single(await h.MilestonesAsync(episode), m => m == "batch-check");
        Assert.Single(await h.AlertsAsync(episode), a => a.SourceEventId == 11);
    }

    [Fact]
    public async Task Two_referent_notifications_alike_in_one_batch_are_both_sent_as_when_they_come_one_by_one()
    {
        await using var h = await PathwayHarness.CreateAsync(configure: CountReferentNotifications);
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var at = h.Clock.GetUtcNow();
        var before = Sent(episode);

        await h.Services.GetRequiredService<IWorkflowEventSink>().HandleAsync(
            [Notified(21, episode, at), Notified(22, episode, at)], CancellationToken.None);

        Assert.Equal(2, Sent(episode) - before);
    }

    [Fact]
    public async Task A_batch_stopping_at_a_broken_event_in_the_outbox_sends_what_came_before_it_once_and_keeps_it_and_the_later_ones_in_order()
    {
        await using var h = await PathwayHarness.CreateAsync(configure: CountReferentNotifications);
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.DrainAsync();
        var instance = (await h.EpisodeAsync(episode)).InstanceId!.Value;
        var at = h.Clock.GetUtcNow().AddMinutes(1);
        var before = Sent(episode);
        await using (var wf = await h.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            string Payload(JsonObject o) { o["businessKey"] = episode.ToString(); o["at"] = at.ToString("O"); return o.ToJsonString(); }
            wf.Outbox.Add(new() { InstanceId = instance, Type = ActivityEvents.ReferentNotified, Payload = Payload(new() { ["subject"] = "Rappel" }), CreatedAt = at });
            wf.Outbox.Add(new() { InstanceId = instance, Type = ActivityEvents.MilestoneReached, Payload = Payload(new() { ["milestone"] = "before-broken" }), CreatedAt = at });
            wf.Outbox.Add(new() { InstanceId = instance, Type = ActivityEvents.HandoffExpired, Payload = Payload(new() { ["handoffId"] = "not-an-id" }), CreatedAt = at });
            wf.Outbox.Add(new() { InstanceId = instance, Type = ActivityEvents.MilestoneReached, Payload = Payload(new() { ["milestone"] = "after-broken" }), CreatedAt = at });
            await wf.SaveChangesAsync();
        }

        await Assert.ThrowsAsync<OutboxDeliveryException>(() => h.DrainAsync());
        await Assert.ThrowsAsync<OutboxDeliveryException>(() => h.DrainAsync());

        await using (var wf = await h.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            Assert.Equal([ActivityEvents.HandoffExpired, ActivityEvents.MilestoneReached], await wf.Outbox.OrderBy(o => o.Id).Select(o => o.Type).ToListAsync());
        var milestones = await h.MilestonesAsync(episode);
        Assert.Single(milestones, m => m == "before-broken");
        Assert.DoesNotContain("after-broken", milestones);
        Assert.Equal(1, Sent(episode) - before);
    }

    [Fact]
    public async Task A_handoff_is_closed_only_by_its_own_episodes_pathway()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var other = await h.ReferAsync(DeviceType.Lhss);
        var sink = h.Services.GetRequiredService<IWorkflowEventSink>();
        var at = h.Clock.GetUtcNow();
        var handoff = Guid.NewGuid();
        await sink.HandleAsync(Event(31, ActivityEvents.HandoffProposed, episode, at, new() { ["handoffId"] = handoff.ToString(), ["targetType"] = "LAM", ["reason"] = "Soins" }),
            CancellationToken.None);

        foreach (var stranger in new[] { other, Guid.NewGuid() })
            await sink.HandleAsync([Event(32, ActivityEvents.HandoffExpired, stranger, at, new() { ["handoffId"] = handoff.ToString() }),
                Event(33, WorkflowEvents.WaitCancelled, stranger, at, new() { ["messageName"] = ActivityEvents.HandoffAnswered, ["correlationKey"] = handoff.ToString() })],
                CancellationToken.None);
        Assert.Equal(HandoffState.Proposed, Assert.Single(await h.HandoffsAsync(episode)).State);

        await sink.HandleAsync(Event(34, ActivityEvents.HandoffExpired, episode, at, new() { ["handoffId"] = handoff.ToString() }), CancellationToken.None);
        Assert.Equal(HandoffState.Expired, Assert.Single(await h.HandoffsAsync(episode)).State);
    }

    private static WorkflowEvent Notified(long id, Guid episode, DateTimeOffset at) =>
        Event(id, ActivityEvents.ReferentNotified, episode, at, new() { ["subject"] = "Rappel", ["body"] = "Appeler la personne" });

    private static void CountReferentNotifications(IServiceCollection services) =>
        services.AddTransient<INotificationHandler<ReferentNotificationRequested>, ReferentNotificationCounter>();

    private static int Sent(Guid episode) => ReferentNotificationCounter.Sent.GetValueOrDefault(episode);

    /// <summary>Counts the referent notifications published, per episode (episodes are new in each test, so tests do not mix).</summary>
    private sealed class ReferentNotificationCounter : INotificationHandler<ReferentNotificationRequested>
    {
        public static readonly ConcurrentDictionary<Guid, int> Sent = new();

        public Task Handle(ReferentNotificationRequested notification, CancellationToken cancellationToken)
        {
            Sent.AddOrUpdate(notification.EpisodeId, 1, (_, count) => count + 1);
            return Task.CompletedTask;
        }
    }

    private static WorkflowEvent Risk(long id, Guid episode, string? resolvedBy, DateTimeOffset at) =>
        Event(id, ActivityEvents.RiskFlagged, episode, at, new() { ["riskType"] = "test-risk", ["severity"] = "high", ["message"] = "Risque", ["resolvedBy"] = resolvedBy });

    private static WorkflowEvent Event(long id, string type, Guid episode, DateTimeOffset at, JsonObject payload)
    {
        payload["businessKey"] = episode.ToString();
        payload["at"] = at.ToString("O");
        return new WorkflowEvent(id, Guid.NewGuid(), type, payload, at);
    }
}
