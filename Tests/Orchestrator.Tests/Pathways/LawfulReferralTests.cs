using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Episodes;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Pathways;

/// <summary>Who may orient a person to each device (CASF D312-176-2, D312-176-4, D312-154, D312-154-1), checked at referral.</summary>
public sealed class LawfulReferralTests
{
    public static TheoryData<DeviceType, ReferrerType, bool, bool, bool, string?> Referrals => new()
    {
        // device, referrer, social evaluation, psychiatrist's opinion, person's request, field at fault (null: lawful)
        { DeviceType.Lhss, ReferrerType.Doctor, false, false, false, null },
        { DeviceType.Lhss, ReferrerType.HealthProfessional, false, false, false, null },
        { DeviceType.Lhss, ReferrerType.SiaoWithHealthProfessional, false, false, false, null },
        { DeviceType.Lhss, ReferrerType.Siao, false, false, false, "type" },
        { DeviceType.Lhss, ReferrerType.SocialWorker, false, false, false, "type" },
        { DeviceType.Lhss, ReferrerType.Self, false, false, true, "type" },
        { DeviceType.Lam, ReferrerType.Doctor, true, false, false, null },
        { DeviceType.Lam, ReferrerType.Doctor, false, false, false, "socialEvaluation" },
        { DeviceType.Lam, ReferrerType.HealthProfessional, true, false, false, "type" },
        { DeviceType.ActChezSoiDabord, ReferrerType.Empp, false, false, false, null },
        { DeviceType.ActChezSoiDabord, ReferrerType.Smpr, false, false, false, null },
        { DeviceType.ActChezSoiDabord, ReferrerType.CsapaCaarudOrVeilleSociale, false, true, false, null },
        { DeviceType.ActChezSoiDabord, ReferrerType.CsapaCaarudOrVeilleSociale, false, false, false, "psychiatristOpinion" },
        { DeviceType.ActChezSoiDabord, ReferrerType.Doctor, false, false, false, "type" },
        { DeviceType.Essip, ReferrerType.Doctor, false, false, false, null },
        { DeviceType.Essip, ReferrerType.SocialWorker, false, false, false, "type" },
        { DeviceType.Act, ReferrerType.SocialWorker, false, false, true, null },
        { DeviceType.Act, ReferrerType.Doctor, false, false, false, "personRequest" },
        { DeviceType.ActHorsLesMurs, ReferrerType.SocialWorker, false, false, false, null },
        { DeviceType.Emsp, ReferrerType.CsapaCaarudOrVeilleSociale, false, false, false, null },
        // An orientation the receiving team accepted is its own decision, whatever the device.
        { DeviceType.Lam, ReferrerType.DirectoryStructure, false, false, false, null },
        { DeviceType.ActChezSoiDabord, ReferrerType.DirectoryStructure, false, false, false, null },
    };

    [Theory]
    [MemberData(nameof(Referrals))]
    public void Each_device_accepts_only_the_referrers_the_law_names(DeviceType device, ReferrerType type, bool socialEvaluation,
        bool psychiatristOpinion, bool personRequest, string? fieldAtFault)
    {
        var breach = ReferralRules.Check(device, new Referral(type, socialEvaluation, psychiatristOpinion, personRequest));

        Assert.Equal(fieldAtFault, breach?.Field);
        if (breach is { Reason: var reason }) Assert.Contains("CASF", reason);
    }

    [Theory]
    [InlineData(DeviceType.Lhss)]
    [InlineData(DeviceType.Lam)]
    [InlineData(DeviceType.Act)]
    [InlineData(DeviceType.ActChezSoiDabord)]
    [InlineData(DeviceType.Essip)]
    public void A_device_the_law_restricts_requires_its_referrer(DeviceType device)
    {
        var breach = ReferralRules.Check(device, null);

        Assert.Equal("type", breach?.Field);
        Assert.StartsWith("Indiquer qui oriente la personne", breach?.Reason);
    }

    [Fact]
    public async Task A_SIAO_without_a_health_professional_cannot_refer_to_an_LHSS_and_nothing_is_saved()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var coordinator = h.Staff(DeviceType.Lhss, StaffRole.Coordinator);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => h.SendAsync(new RequestAdmissionCommand(h.Structures[DeviceType.Lhss].Id, null,
            new NewPerson("S. I. 0001", 1970, "M", null, null, null), "SIAO du Nord", null) { Referral = new(ReferrerType.Siao) }, coordinator));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("referral.type", error.PropertyName);
        Assert.Equal("Le SIAO n'oriente vers un LHSS que s'il comprend un professionnel de santé (CASF D312-176-2).", error.ErrorMessage);
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        Assert.False(await db.People.AnyAsync(p => p.Pseudonym == "S. I. 0001"));
        Assert.False(await db.Episodes.AnyAsync());
    }

    [Fact]
    public async Task A_lawful_referral_is_kept_as_coded_data_on_the_episode()
    {
        await using var h = await PathwayHarness.CreateAsync();

        var episode = await h.ReferAsync(DeviceType.Lam, referral: new Referral(ReferrerType.Doctor, SocialEvaluation: true, PersonRequest: true));

        var stored = await h.EpisodeAsync(episode);
        Assert.Equal((ReferrerType.Doctor, true, false, true),
            (stored.ReferrerType, stored.ReferralSocialEvaluation, stored.ReferralPsychiatristOpinion, stored.PersonRequested));
    }

    [Fact]
    public async Task An_accepted_handoff_opens_the_receiving_episode_as_a_referral_by_a_structure_of_the_directory()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        await h.CompleteAsync(episode, "exitDecision", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["exitType"] = "planned" });
        await h.CompleteAsync(episode, "exitOrientation", h.Staff(DeviceType.Lhss, StaffRole.SocialWorker), new() { ["destination"] = "LAM" });
        var handoff = Assert.Single(await h.HandoffsAsync(episode));

        await h.SendAsync(new Application.Handoffs.AnswerHandoffCommand(handoff.Id, true, null), h.Staff(DeviceType.Lam, StaffRole.Director));
        await h.DrainAsync();

        var person = (await h.EpisodeAsync(episode)).PersonId;
        var lam = Assert.Single(await h.EpisodesOfPersonAsync(person), e => e.DeviceType == DeviceType.Lam);
        Assert.Equal(ReferrerType.DirectoryStructure, lam.ReferrerType);
    }

    [Fact]
    public async Task A_team_cannot_record_a_referral_as_an_accepted_orientation_nor_open_an_accompaniment_by_hand()
    {
        await using var h = await PathwayHarness.CreateAsync();

        var asHandoff = await Assert.ThrowsAsync<ValidationException>(() => h.ReferAsync(DeviceType.Lam, referral: new Referral(ReferrerType.DirectoryStructure)));
        Assert.Equal("referral.type", Assert.Single(asHandoff.Errors).PropertyName);
        await Assert.ThrowsAsync<Domain.DomainException>(() => h.SendAsync(new RequestAdmissionCommand(h.Structures[DeviceType.Chrs].Id, null,
            new NewPerson("C. H. 0001", 1970, null, null, null, null), "Test", null) { Accompaniment = true }, h.Staff(DeviceType.Chrs, StaffRole.Director)));
        Assert.DoesNotContain("Structure de l'annuaire", ReferralRules.Check(DeviceType.Lhss, null)!.Value.Reason);
    }
}
