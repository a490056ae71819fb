using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Tasks;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Definitions;

namespace Orchestrator.Tests.Pathways;

/// <summary>Nothing overdue goes unnoticed: a late task raises an alert, a very late one reaches the director, doing it settles both.</summary>
public sealed class OverdueTaskTests
{
    [Fact]
    public async Task The_open_boards_reload_when_the_scan_raises_a_late_task_alert_and_not_when_it_raises_nothing()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var due = (await h.TaskAsync(episode, "medicalOpinion")).DueAt!.Value;
        var scan = h.Services.GetRequiredService<OverdueTaskScan>();
        var reloads = 0;
        h.Services.GetRequiredService<Orchestrator.Components.Live.LiveUpdates>().Changed += () => Interlocked.Increment(ref reloads);

        h.Clock.SetUtcNow(due + TimeSpan.FromDays(1));
        Assert.Equal(0, await scan.ScanAsync());
        Assert.Equal(0, reloads);

        h.Clock.SetUtcNow(due + TimeSpan.FromDays(2));
        Assert.Equal(1, await scan.ScanAsync());
        Assert.Equal(1, reloads);
    }

    [Fact]
    public async Task A_medical_opinion_left_waiting_raises_a_late_task_alert_after_two_days_then_the_director_after_fourteen_and_doing_it_settles_both()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var due = (await h.TaskAsync(episode, "medicalOpinion")).DueAt!.Value;
        var scan = h.Services.GetRequiredService<OverdueTaskScan>();

        h.Clock.SetUtcNow(due + TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await scan.ScanAsync());
        h.Clock.SetUtcNow(due + TimeSpan.FromDays(2));
        Assert.Equal(1, await scan.ScanAsync());
        Assert.Equal(0, await scan.ScanAsync()); // raised once
        var late = Assert.Single(await h.AlertsAsync(episode), a => a.Type == OverdueTaskScan.Overdue);
        Assert.Equal(("medium", "medicalOpinion", due + TimeSpan.FromDays(2)), (late.Severity, late.ResolvedByTask, late.RaisedAt));
        Assert.Contains("Tâche « Avis du médecin responsable » à faire depuis le", late.Message); // whatever the task name's gender

        h.Clock.SetUtcNow(due + TimeSpan.FromDays(14));
        Assert.Equal(1, await scan.ScanAsync());
        var escalated = Assert.Single(await h.AlertsAsync(episode), a => a.Type == OverdueTaskScan.Escalated);
        Assert.Equal("high", escalated.Severity);

        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        Assert.All((await h.AlertsAsync(episode)).Where(a => a.Type.StartsWith("task-overdue")), a => Assert.Equal(AlertState.Resolved, a.State));
        Assert.Equal(0, await scan.ScanAsync());
    }

    [Fact]
    public async Task A_task_its_pathway_cancelled_no_longer_counts_as_late()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var due = (await h.TaskAsync(episode, "medicalOpinion")).DueAt!.Value;
        var scan = h.Services.GetRequiredService<OverdueTaskScan>();
        h.Clock.SetUtcNow(due + TimeSpan.FromDays(3));
        await scan.ScanAsync();

        // Settled as the cancellation reaches the domain, not a quarter of an hour later by the next scan.
        await h.Engine.CancelInstanceAsync((await h.EpisodeAsync(episode)).InstanceId!.Value);
        await h.DrainAsync();

        Assert.All((await h.AlertsAsync(episode)).Where(a => a.Type == OverdueTaskScan.Overdue), a => Assert.Equal(AlertState.Resolved, a.State));
    }

    [Fact]
    public async Task A_risk_alert_asking_for_a_task_leaves_the_boards_when_the_person_leaves_and_the_pathway_closes_that_task()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lam);
        await h.CompleteAsync(episode, "socialAssessment", h.Staff(DeviceType.Lam, StaffRole.SocialWorker), new() { ["socialSummary"] = "Sans domicile depuis 2019" });
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lam, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lam, StaffRole.Director), new() { ["decision"] = "admit" });
        await h.AdvanceAsync(TimeSpan.FromDays(32));
        var unsigned = Assert.Single(await h.AlertsAsync(episode), a => a.Type == "contract-unsigned");
        Assert.Equal(AlertState.Open, unsigned.State);

        await h.CompleteAsync(episode, "exitDecision", h.Staff(DeviceType.Lam, StaffRole.Doctor), new() { ["exitType"] = "against-advice" });
        await h.CompleteAsync(episode, "riskNotice", h.Staff(DeviceType.Lam, StaffRole.Doctor), new() { ["risksExplained"] = true });
        Assert.DoesNotContain(await h.OpenTasksAsync(episode), t => t.ElementId == "contractSignature");

        // The signature nobody can ask for any more is not « en retard » on the boards for months: settled, and saying why.
        var settled = Assert.Single(await h.AlertsAsync(episode), a => a.Type == "contract-unsigned");
        Assert.Equal(AlertState.Resolved, settled.State);
        Assert.Equal("Tâche close", settled.Resolution);
        Assert.Equal(h.Clock.GetUtcNow(), settled.ResolvedAt);
    }

    [Fact]
    public async Task The_first_scan_of_an_upgraded_database_settles_the_risk_alerts_an_earlier_version_left_open_after_their_task_closed()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lam);
        var record = await h.EpisodeAsync(episode);
        await using (var scope = h.Services.CreateAsyncScope())
        {
            // As an earlier version left it: the episode's signature task is long gone, its alert still open, and no scan has run.
            var db = scope.ServiceProvider.GetRequiredService<Orchestrator.Persistence.OrchestratorDbContext>();
            db.Alerts.Add(new Alert { EpisodeId = episode, PersonId = record.PersonId, StructureId = record.StructureId, Type = "contract-unsigned",
                Severity = "medium", RaisedAt = h.Clock.GetUtcNow(), DueAt = h.Clock.GetUtcNow(), ResolvedByTask = "contractSignature" });
            db.Alerts.Add(new Alert { EpisodeId = episode, PersonId = record.PersonId, StructureId = record.StructureId, Type = "handoff-incomplete",
                Severity = "high", RaisedAt = h.Clock.GetUtcNow(), DueAt = h.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        await h.Services.GetRequiredService<OverdueTaskScan>().ScanAsync();

        var alerts = await h.AlertsAsync(episode);
        Assert.Equal(AlertState.Resolved, Assert.Single(alerts, a => a.Type == "contract-unsigned").State);
        Assert.Equal(AlertState.Open, Assert.Single(alerts, a => a.Type == "handoff-incomplete").State); // names no task: someone must act
    }

    [Fact]
    public async Task A_late_task_alert_the_team_resolved_is_not_raised_again_while_the_task_stays_open_but_the_director_still_hears_of_it()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var due = (await h.TaskAsync(episode, "medicalOpinion")).DueAt!.Value;
        var scan = h.Services.GetRequiredService<OverdueTaskScan>();
        h.Clock.SetUtcNow(due + TimeSpan.FromDays(3));
        Assert.Equal(1, await scan.ScanAsync());
        var late = Assert.Single(await h.AlertsAsync(episode), a => a.Type == OverdueTaskScan.Overdue);
        await h.SendAsync(new Application.Alerts.ResolveAlertCommand(late.Id, "Médecin relancé par téléphone"), h.Staff(DeviceType.Lhss, StaffRole.Coordinator));

        for (var day = 4; day < 14; day++)
        {
            h.Clock.SetUtcNow(due + TimeSpan.FromDays(day));
            Assert.Equal(0, await scan.ScanAsync());
        }
        h.Clock.SetUtcNow(due + TimeSpan.FromDays(14));
        Assert.Equal(1, await scan.ScanAsync());
        var alerts = await h.AlertsAsync(episode);
        Assert.Equal(AlertState.Resolved, Assert.Single(alerts, a => a.Type == OverdueTaskScan.Overdue).State);
        Assert.Equal(AlertState.Open, Assert.Single(alerts, a => a.Type == OverdueTaskScan.Escalated).State);
    }

    [Fact]
    public async Task A_task_created_already_late_raises_its_alert_at_the_next_scan_and_only_once()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var scan = h.Services.GetRequiredService<OverdueTaskScan>();
        await scan.ScanAsync(); // the mark exists: what follows is read as newly late, not by a first full pass

        // A deadline computed from a date in the past (a visit that should have taken place three weeks ago).
        await h.Services.GetRequiredService<DefinitionStore>().DeployAsync(CatchUpVisit);
        var dueOn = h.Clock.GetUtcNow() - TimeSpan.FromDays(21);
        await h.Engine.StartAsync("catch-up-visit", new Dictionary<string, object?> { ["visitDate"] = dueOn.ToString("yyyy-MM-dd") }, episode.ToString());
        h.Clock.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal(2, await scan.ScanAsync()); // late, and past the director's fourteen days
        Assert.Equal(0, await scan.ScanAsync());
        var alerts = (await h.AlertsAsync(episode)).Where(a => a.ResolvedByTask == "catchUpVisit").ToList();
        Assert.Equal([OverdueTaskScan.Overdue, OverdueTaskScan.Escalated], alerts.Select(a => a.Type).Order());
    }

    private const string CatchUpVisit = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0"
                          id="Definitions_catchup" targetNamespace="urn:orchestrator:tests">
          <bpmn:process id="catch-up-visit" name="Visite de rattrapage" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="toVisit" sourceRef="start" targetRef="catchUpVisit" />
            <bpmn:userTask id="catchUpVisit" name="Visite de rattrapage" orc:role="nurse" orc:dueIn="${visitDate}" />
            <bpmn:sequenceFlow id="toEnd" sourceRef="catchUpVisit" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
