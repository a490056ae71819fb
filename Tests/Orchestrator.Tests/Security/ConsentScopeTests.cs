using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Consents;
using Orchestrator.Application.People;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Security;

/// <summary>A consent to share is read-only, names its recipient and categories, expires, and ends at once when revoked or objected to.</summary>
public sealed class ConsentScopeTests
{
    /// <summary>A person admitted to the LHSS, with one social and one medical note written there.</summary>
    private static async Task<(PathwayHarness H, Guid Episode, Guid Person)> AdmittedWithNotesAsync(Action<IServiceCollection>? configure = null)
    {
        var h = await PathwayHarness.CreateAsync(configure: configure);
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        await h.SendAsync(new AddCareNoteCommand(episode, "Hébergée chez sa sœur le week-end", false), h.Staff(DeviceType.Lhss, StaffRole.SocialWorker));
        await h.SendAsync(new AddCareNoteCommand(episode, "Traitement antirétroviral repris", true), h.Staff(DeviceType.Lhss, StaffRole.Doctor));
        return (h, episode, (await h.EpisodeAsync(episode)).PersonId);
    }

    private static Task<Guid> GrantAsync(PathwayHarness h, Guid person, params string[] categories) =>
        h.SendAsync(new GrantConsentCommand(person, h.Structures[DeviceType.Act].Id, "Préparer une orientation en ACT", categories),
            h.Staff(DeviceType.Lhss, StaffRole.Coordinator));

    [Fact]
    public async Task A_social_consent_shares_the_social_notes_but_never_the_medical_ones_nor_the_open_tasks()
    {
        var (h, _, person) = await AdmittedWithNotesAsync();
        await using var _ = h;
        await GrantAsync(h, person, ConsentCategories.Social);

        var record = await h.SendAsync(new GetPersonRecordQuery(person), h.Staff(DeviceType.Act, StaffRole.Doctor));

        Assert.False(record.InCareTeam);
        Assert.Equal(["Hébergée chez sa sœur le week-end"], record.Notes.Select(n => n.Text));
        Assert.Empty(record.OpenTasks);
        var consent = Assert.Single(record.Consents);
        Assert.Equal(["social"], consent.Categories);
        Assert.Equal("active", consent.State);
    }

    [Fact]
    public async Task A_medical_consent_shows_the_other_structures_medical_notes_to_its_care_staff_only()
    {
        var (h, _, person) = await AdmittedWithNotesAsync();
        await using var _ = h;
        await GrantAsync(h, person, ConsentCategories.Medical);

        var doctor = await h.SendAsync(new GetPersonRecordQuery(person), h.Staff(DeviceType.Act, StaffRole.Doctor));
        var coordinator = await h.SendAsync(new GetPersonRecordQuery(person), h.Staff(DeviceType.Act, StaffRole.Coordinator));

        Assert.Equal(["Traitement antirétroviral repris"], doctor.Notes.Select(n => n.Text)); // medical only: the social notes were not shared
        Assert.Empty(coordinator.Notes);
    }

    [Fact]
    public async Task A_consent_expires_a_year_after_it_was_given_and_the_recipient_stops_reading_then()
    {
        var (h, _, person) = await AdmittedWithNotesAsync();
        await using var _ = h;
        var given = h.Clock.GetUtcNow();
        await GrantAsync(h, person, ConsentCategories.Social);
        var reader = h.Staff(DeviceType.Act, StaffRole.Coordinator);

        h.Clock.Advance(given.AddMonths(12).AddMinutes(-1) - h.Clock.GetUtcNow());
        Assert.Equal(person, (await h.SendAsync(new GetPersonRecordQuery(person), reader)).Id);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new GetPersonRecordQuery(person), reader));
        Assert.Equal("expired", Assert.Single((await h.SendAsync(new GetPersonRecordQuery(person), h.Staff(DeviceType.Lhss, StaffRole.Coordinator))).Consents).State);
    }

    [Fact]
    public async Task A_consent_to_the_recorders_own_structure_is_refused_since_it_shares_nothing()
    {
        var (h, _, person) = await AdmittedWithNotesAsync();
        await using var _ = h;

        var own = await Assert.ThrowsAsync<ValidationException>(() => h.SendAsync(
            new GrantConsentCommand(person, h.Structures[DeviceType.Lhss].Id, "Suivi", ["social"]), h.Staff(DeviceType.Lhss, StaffRole.Coordinator)));

        Assert.Equal("recipientStructureId", Assert.Single(own.Errors).PropertyName);
    }

    [Fact]
    public async Task The_validity_is_a_setting_and_a_shorter_one_may_be_asked_but_not_a_longer_one()
    {
        var (h, _, person) = await AdmittedWithNotesAsync(s => s.Configure<ConsentOptions>(o => o.ValidityMonths = 3));
        await using var _ = h;
        var coordinator = h.Staff(DeviceType.Lhss, StaffRole.Coordinator);
        var act = h.Structures[DeviceType.Act].Id;

        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => h.SendAsync(
            new GrantConsentCommand(person, act, "Orientation", ["social"], h.Clock.GetUtcNow().AddMonths(4)), coordinator));
        Assert.Equal("expiresAt", Assert.Single(tooLong.Errors).PropertyName);
        await h.SendAsync(new GrantConsentCommand(person, act, "Orientation", ["social"], h.Clock.GetUtcNow().AddDays(10)), coordinator);

        h.Clock.Advance(TimeSpan.FromDays(10));
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new GetPersonRecordQuery(person), h.Staff(DeviceType.Act, StaffRole.Coordinator)));
    }

    [Fact]
    public async Task A_consent_names_known_categories()
    {
        var (h, _, person) = await AdmittedWithNotesAsync();
        await using var _ = h;

        var none = await Assert.ThrowsAsync<ValidationException>(() => GrantAsync(h, person));
        Assert.Contains("social", Assert.Single(none.Errors).ErrorMessage);
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => GrantAsync(h, person, "financial"));
        Assert.Contains("« financial »", Assert.Single(unknown.Errors).ErrorMessage);
    }

    [Fact]
    public async Task A_revoked_consent_stops_the_reading_at_once()
    {
        var (h, _, person) = await AdmittedWithNotesAsync();
        await using var _ = h;
        var consent = await GrantAsync(h, person, ConsentCategories.Social, ConsentCategories.Medical);
        var reader = h.Staff(DeviceType.Act, StaffRole.Doctor);
        Assert.Equal(2, (await h.SendAsync(new GetPersonRecordQuery(person), reader)).Notes.Count);

        await h.SendAsync(new RevokeConsentCommand(consent), h.Staff(DeviceType.Lhss, StaffRole.SocialWorker));

        await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new GetPersonRecordQuery(person), reader));
    }

    [Fact]
    public async Task An_objection_revokes_every_consent_and_refuses_new_ones_naming_the_reason_until_it_is_lifted()
    {
        var (h, _, person) = await AdmittedWithNotesAsync();
        await using var _ = h;
        await GrantAsync(h, person, ConsentCategories.Social);
        await h.SendAsync(new GrantConsentCommand(person, h.Structures[DeviceType.Lam].Id, "Suivi", ["medical"]), h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
        var socialWorker = h.Staff(DeviceType.Lhss, StaffRole.SocialWorker);

        await h.SendAsync(new RecordSharingObjectionCommand(person), socialWorker);

        await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new GetPersonRecordQuery(person), h.Staff(DeviceType.Act, StaffRole.Coordinator)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new GetPersonRecordQuery(person), h.Staff(DeviceType.Lam, StaffRole.Doctor)));
        var record = await h.SendAsync(new GetPersonRecordQuery(person), socialWorker);
        Assert.All(record.Consents, c => Assert.Equal("revoked", c.State));
        Assert.Equal(h.Clock.GetUtcNow(), record.Rights.ObjectedAt);
        var refused = await Assert.ThrowsAsync<ValidationException>(() => GrantAsync(h, person, ConsentCategories.Social));
        var error = Assert.Single(refused.Errors);
        Assert.Equal("personId", error.PropertyName);
        Assert.Contains("s'est opposée", error.ErrorMessage);
        await using (var scope = h.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Audit.AnyAsync(a => a.Action == "sharing.objected" && a.PersonId == person));

        await h.SendAsync(new WithdrawSharingObjectionCommand(person), socialWorker);
        await GrantAsync(h, person, ConsentCategories.Social);
        Assert.Single((await h.SendAsync(new GetPersonRecordQuery(person), socialWorker)).Consents, c => c.State == "active");
    }

    [Fact]
    public async Task Only_the_care_team_records_an_objection()
    {
        var (h, _, person) = await AdmittedWithNotesAsync();
        await using var _ = h;
        await GrantAsync(h, person, ConsentCategories.Social);

        await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new RecordSharingObjectionCommand(person), h.Staff(DeviceType.Act, StaffRole.Coordinator)));
    }

    [Fact]
    public async Task The_admission_opens_the_information_task_and_its_completion_shows_on_the_person_page()
    {
        var (h, episode, person) = await AdmittedWithNotesAsync();
        await using var _ = h;
        var socialWorker = h.Staff(DeviceType.Lhss, StaffRole.SocialWorker);
        Assert.Null((await h.SendAsync(new GetPersonRecordQuery(person), socialWorker)).Rights.InformedAt);
        var task = await h.TaskAsync(episode, PersonRights.InformationTaskId);
        Assert.Equal("Information de la personne sur le partage de ses données", task.Name);

        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.CompleteAsync(episode, PersonRights.InformationTaskId, socialWorker, new() { ["informed"] = true });

        Assert.Equal(h.Clock.GetUtcNow(), (await h.SendAsync(new GetPersonRecordQuery(person), socialWorker)).Rights.InformedAt);
    }

    [Theory]
    [InlineData("lhss.bpmn")]
    [InlineData("lam.bpmn")]
    [InlineData("act.bpmn")]
    [InlineData("act-hlm.bpmn")]
    [InlineData("act-ucsd.bpmn")]
    [InlineData("essip.bpmn")]
    [InlineData("emsp.bpmn")]
    public async Task Every_shipped_definition_with_an_admission_opens_the_information_task_on_its_main_path(string file)
    {
        var stdout = new StringWriter();
        var exit = await Orchestrator.Cli.SimulateCommand.RunAsync([Path.Combine(AppContext.BaseDirectory, "shipped", file), "--policy", "users-first",
            "--start", "2026-02-02T09:00:00+01:00", "--var", "hospitalCareNeeded=false", "--var", "destination=ACT"], stdout, new StringWriter());

        Assert.Equal(0, exit);
        Assert.Contains($"\"{PersonRights.InformationTaskId}\"", stdout.ToString());
    }
}
