using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
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

    private static WorkflowEvent Risk(long id, Guid episode, string? resolvedBy, DateTimeOffset at) =>
        Event(id, ActivityEvents.RiskFlagged, episode, at, new() { ["riskType"] = "test-risk", ["severity"] = "high", ["message"] = "Risque", ["resolvedBy"] = resolvedBy });

    private static WorkflowEvent Event(long id, string type, Guid episode, DateTimeOffset at, JsonObject payload)
    {
        payload["businessKey"] = episode.ToString();
        payload["at"] = at.ToString("O");
        return new WorkflowEvent(id, Guid.NewGuid(), type, payload, at);
    }
}
