using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Boards;
using Orchestrator.Application.People;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Security;

/// <summary>The care team in time: acting while the episode is active, reading for three months after it ended, then nothing.</summary>
public sealed class CareTeamTests
{
    private static async Task<(PathwayHarness H, Guid Episode)> RefusedAsync()
    {
        var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = true, ["opinion"] = "unfavourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "refuse" });
        await h.CompleteAsync(episode, "refusalReason", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["refusalReason"] = "hospital-care", ["refusalDetail"] = "Relève de soins hospitaliers" });
        Assert.Equal(EpisodeStatus.NotAdmitted, (await h.EpisodeAsync(episode)).Status);
        return (h, episode);
    }

    [Fact]
    public async Task A_structure_that_refused_the_person_reads_the_record_for_three_months_after_its_decision_and_never_acts()
    {
        var (h, episodeId) = await RefusedAsync();
        await using var _ = h;
        var personId = (await h.EpisodeAsync(episodeId)).PersonId;
        var coordinator = h.Staff(DeviceType.Lhss, StaffRole.Coordinator);
        var doctor = h.Staff(DeviceType.Lhss, StaffRole.Doctor);

        Assert.Equal(personId, (await h.SendAsync(new GetPersonRecordQuery(personId), coordinator)).Id);
        var refusal = await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new AddCareNoteCommand(episodeId, "Nouvelles", false), doctor));
        Assert.Equal("Seule l'équipe de soins de la personne écrit dans son dossier.", refusal.Message);

        h.Clock.Advance(PathwayHarness.Start.AddMonths(3).AddMinutes(-1) - h.Clock.GetUtcNow());
        Assert.Equal(personId, (await h.SendAsync(new GetPersonRecordQuery(personId), doctor)).Id);

        h.Clock.Advance(TimeSpan.FromMinutes(2));
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new GetPersonRecordQuery(personId), coordinator));
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new GetPersonIdentityQuery(personId), doctor));
        Assert.DoesNotContain(await h.SendAsync(new ListAlertsQuery(IncludeResolved: true), coordinator), a => a.PersonId == personId);
    }

    [Fact]
    public async Task The_period_after_the_end_is_a_setting()
    {
        await using var h = await PathwayHarness.CreateAsync(configure: s => s.Configure<CareTeamOptions>(o => o.ReadMonthsAfterEnd = 1));
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = true, ["opinion"] = "unfavourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "refuse" });
        await h.CompleteAsync(episode, "refusalReason", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["refusalReason"] = "hospital-care", ["refusalDetail"] = "Relève de soins hospitaliers" });
        var personId = (await h.EpisodeAsync(episode)).PersonId;
        var coordinator = h.Staff(DeviceType.Lhss, StaffRole.Coordinator);

        h.Clock.Advance(TimeSpan.FromDays(32));

        await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new GetPersonRecordQuery(personId), coordinator));
    }

    [Fact]
    public async Task The_team_of_an_active_episode_acts_on_the_person()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episodeId = await h.ReferAsync(DeviceType.Lhss);

        await h.SendAsync(new AddCareNoteCommand(episodeId, "Accueil prévu demain", false), h.Staff(DeviceType.Lhss, StaffRole.SocialWorker));
        h.Clock.Advance(TimeSpan.FromDays(400));

        Assert.Contains((await h.SendAsync(new GetPersonRecordQuery((await h.EpisodeAsync(episodeId)).PersonId), h.Staff(DeviceType.Lhss, StaffRole.Coordinator))).Notes,
            n => n.Text == "Accueil prévu demain");
    }

    [Fact]
    public async Task A_structure_holding_a_consent_reads_the_record_but_neither_lists_nor_acts_on_the_other_teams_alerts_and_tasks()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episodeId = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episodeId, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episodeId, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        await h.AdvanceAsync(TimeSpan.FromDays(20));
        var personId = (await h.EpisodeAsync(episodeId)).PersonId;
        await h.SendAsync(new Application.Consents.GrantConsentCommand(personId, h.Structures[DeviceType.Act].Id, "Préparer une orientation", ["social"]),
            h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
        var alert = (await h.AlertsAsync(episodeId)).First();
        var other = h.Staff(DeviceType.Act, StaffRole.Coordinator);

        Assert.Equal(personId, (await h.SendAsync(new GetPersonRecordQuery(personId), other)).Id);
        var refusal = await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new Application.Alerts.AcknowledgeAlertCommand(alert.Id), other));
        Assert.Equal("Seule l'équipe qui accompagne la personne traite ses alertes.", refusal.Message);
        Assert.DoesNotContain(await h.SendAsync(new ListAlertsQuery(), other), a => a.PersonId == personId);
        Assert.DoesNotContain(await h.SendAsync(new ListMyTasksQuery(), other), t => t.PersonId == personId);
        Assert.Contains(await h.SendAsync(new ListAlertsQuery(), h.Staff(DeviceType.Lhss, StaffRole.Coordinator)), a => a.Id == alert.Id);
        await h.SendAsync(new Application.Alerts.AcknowledgeAlertCommand(alert.Id), h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
    }

    [Fact]
    public async Task An_alert_left_on_an_episode_that_closed_is_settled_by_that_team_while_it_reads_the_record_and_by_nobody_else()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episodeId = await h.ReferAsync(DeviceType.Lhss);
        var episode = await h.EpisodeAsync(episodeId);
        Guid missed, orphaned;
        await using (var scope = h.Services.CreateAsyncScope())
        {
            // Alerts that name no task stay open when the pathway ends: someone still has to act on them.
            var db = scope.ServiceProvider.GetRequiredService<Orchestrator.Persistence.OrchestratorDbContext>();
            missed = db.Alerts.Add(new Domain.Alerts.Alert { EpisodeId = episodeId, PersonId = episode.PersonId, StructureId = episode.StructureId,
                Type = "missed-visit", Severity = "medium", RaisedAt = h.Clock.GetUtcNow(), DueAt = h.Clock.GetUtcNow() }).Entity.Id;
            orphaned = db.Alerts.Add(new Domain.Alerts.Alert { EpisodeId = episodeId, PersonId = episode.PersonId, StructureId = episode.StructureId,
                Type = "orientation-not-effective", Severity = "medium", RaisedAt = h.Clock.GetUtcNow(), DueAt = h.Clock.GetUtcNow() }).Entity.Id;
            await db.SaveChangesAsync();
        }
        await h.Engine.CancelInstanceAsync(episode.InstanceId!.Value);
        await h.DrainAsync();
        Assert.False((await h.EpisodeAsync(episodeId)).IsActive); // ended before admission: « non admis »
        var coordinator = h.Staff(DeviceType.Lhss, StaffRole.Coordinator);

        // Shown on the team's board with its buttons, so the buttons work: the board used to refuse every click.
        Assert.Contains(await h.SendAsync(new ListAlertsQuery(), coordinator), a => a.Id == missed);
        await h.SendAsync(new Application.Alerts.AcknowledgeAlertCommand(missed), coordinator);
        await h.SendAsync(new Application.Alerts.ResolveAlertCommand(missed, "Personne sortie du dispositif"), coordinator);
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new Application.Alerts.ResolveAlertCommand(orphaned, null), h.Staff(DeviceType.Act, StaffRole.Coordinator)));

        h.Clock.Advance(TimeSpan.FromDays(4 * 31)); // past the months the team reads an ended episode
        var refusal = await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new Application.Alerts.ResolveAlertCommand(orphaned, null), coordinator));
        Assert.Equal("Seule l'équipe qui accompagne la personne traite ses alertes.", refusal.Message);
    }
}
