using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.ComplexSituations;
using Orchestrator.Application.People;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Pathways;

/// <summary>
/// A professional of any structure files a fiche alerte through the app: an urgent one alerts the coordination at
/// the receipt with the 48-hour meeting deadline, before anyone qualifies it; the partner reads nothing afterwards.
/// </summary>
public sealed class PartnerComplexAlertTests
{
    private static readonly DateTimeOffset Start = PathwayHarness.Start;

    private static FileComplexSituationAlertCommand Alert(PathwayHarness h, bool urgent) =>
        new(h.Structures[DeviceType.ComplexSituationCoordination].Id, "K. L. 0311", 1984, "M", urgent,
            "Monsieur ne s'alimente plus depuis trois jours, refuse les soins, propos suicidaires hier soir au CHRS.");

    [Fact]
    public async Task An_urgent_fiche_alerte_from_a_partner_alerts_the_coordination_at_once_with_the_48_hour_deadline()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var partner = h.Staff(DeviceType.Chrs, StaffRole.SocialWorker);

        var filed = await h.SendAsync(Alert(h, urgent: true), partner);

        Assert.Equal((Start, Start.AddHours(48)), (filed.ReceivedAt, filed.MeetingDueBy));
        var episode = await EpisodeOfAsync(h);
        Assert.Equal((ReferrerType.DirectoryStructure, EpisodeStatus.Active), (episode.ReferrerType, episode.Status));
        var alert = Assert.Single(await h.AlertsAsync(episode.Id));
        Assert.Equal(("urgent-complex-situation", "high", Start, Start.AddHours(48)), (alert.Type, alert.Severity, alert.RaisedAt, alert.DueAt));
        Assert.Equal(Start.AddDays(1), (await h.TaskAsync(episode.Id, "qualify")).DueAt);

        // The coordinator confirms the urgency: no second alert, the meeting keeps the deadline counted from the receipt.
        var coordinator = h.Staff(DeviceType.ComplexSituationCoordination, StaffRole.Coordinator);
        await h.AdvanceAsync(TimeSpan.FromHours(3));
        await h.CompleteAsync(episode.Id, "qualify", coordinator, new() { ["partner"] = "CHRS", ["urgency"] = "urgent" });
        Assert.Single(await h.AlertsAsync(episode.Id));
        Assert.Equal(Start.AddHours(48), (await h.TaskAsync(episode.Id, "scheduleMeeting")).DueAt);

        var record = await h.SendAsync(new GetPersonRecordQuery(episode.PersonId), coordinator);
        var note = Assert.Single(record.Notes);
        Assert.Equal((false, StaffRole.SocialWorker), (note.Medical, note.AuthorRole));
        Assert.StartsWith("Monsieur ne s'alimente plus", note.Text);
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new GetPersonRecordQuery(episode.PersonId), partner));
    }

    [Fact]
    public async Task A_fiche_alerte_not_declared_urgent_waits_for_the_qualification_and_raises_no_alert()
    {
        await using var h = await PathwayHarness.CreateAsync();

        var filed = await h.SendAsync(Alert(h, urgent: false), h.Staff(DeviceType.Lhss, StaffRole.Nurse));

        Assert.Null(filed.MeetingDueBy);
        var episode = await EpisodeOfAsync(h);
        Assert.Empty(await h.AlertsAsync(episode.Id));
        await h.CompleteAsync(episode.Id, "qualify", h.Staff(DeviceType.ComplexSituationCoordination, StaffRole.Coordinator),
            new() { ["partner"] = "LHSS", ["urgency"] = "normal" });
        Assert.Equal(Start.AddDays(7), (await h.TaskAsync(episode.Id, "scheduleMeeting")).DueAt);
    }

    [Fact]
    public async Task A_fiche_alerte_sent_to_a_structure_that_is_not_a_coordination_or_without_a_situation_is_refused_and_nothing_is_saved()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var partner = h.Staff(DeviceType.Chrs, StaffRole.SocialWorker);

        var wrong = await Assert.ThrowsAsync<ValidationException>(() => h.SendAsync(Alert(h, true) with { CoordinationId = h.Structures[DeviceType.Lhss].Id }, partner));
        Assert.Equal("coordinationId", Assert.Single(wrong.Errors).PropertyName);
        var empty = await Assert.ThrowsAsync<ValidationException>(() => h.SendAsync(Alert(h, true) with { Situation = " ", Pseudonym = "" }, partner));
        Assert.Equal(["pseudonym", "situation"], empty.Errors.Select(e => e.PropertyName).Order());
        var named = await Assert.ThrowsAsync<ValidationException>(() => h.SendAsync(Alert(h, true) with { Pseudonym = "Dupont 12" }, partner));
        Assert.StartsWith("Le pseudonyme ressemble à un nom", Assert.Single(named.Errors, e => e.PropertyName == "pseudonym").ErrorMessage);
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await h.SendAsync(Alert(h, true), await h.AdministratorAsync()));

        await using var scope = h.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Episodes.AnyAsync());
    }

    private static async Task<Episode> EpisodeOfAsync(PathwayHarness h)
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Episodes.AsNoTracking()
            .SingleAsync(e => e.DeviceType == DeviceType.ComplexSituationCoordination);
    }
}
