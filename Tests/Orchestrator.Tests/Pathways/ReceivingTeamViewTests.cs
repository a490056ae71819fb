using Orchestrator.Application.Boards;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Pathways;

/// <summary>The receiving team decides on what it needs: who orients, why, when, and the summary the person agreed to share — never the record.</summary>
public sealed class ReceivingTeamViewTests
{
    private static async Task<PathwayHarness> ProposedToActAsync(bool consent)
    {
        var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        await h.CompleteAsync(episode, "exitDecision", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["exitType"] = "planned" });
        await h.CompleteAsync(episode, "exitOrientation", h.Staff(DeviceType.Lhss, StaffRole.SocialWorker), new()
        {
            ["destination"] = "ACT", ["orientationReason"] = "Diabète déséquilibré, besoin d'un logement accompagné",
            ["expectedDate"] = PathwayHarness.Start.AddDays(20).ToString("O"),
            ["sharedSummary"] = "Suivi diabétologie au CHU, traitement par insuline, autonome pour les injections.", ["summaryConsent"] = consent,
        });
        return h;
    }

    [Fact]
    public async Task The_receiving_team_reads_who_orients_why_when_and_the_summary_the_person_agreed_to_share()
    {
        await using var h = await ProposedToActAsync(consent: true);

        var proposal = Assert.Single(await h.SendAsync(new ListIncomingHandoffsQuery(), h.Staff(DeviceType.Act, StaffRole.Director)));

        Assert.Equal(h.Structures[DeviceType.Lhss].Name, proposal.From);
        Assert.Equal("Diabète déséquilibré, besoin d'un logement accompagné", proposal.Reason);
        Assert.Equal(PathwayHarness.Start.AddDays(20), proposal.ExpectedAt);
        Assert.StartsWith("Suivi diabétologie", proposal.SharedSummary);
        Assert.Equal("né(e) en 1970", proposal.Person);
        Assert.Null(proposal.TargetStructure);
    }

    [Fact]
    public async Task Without_the_persons_agreement_the_summary_is_not_sent()
    {
        await using var h = await ProposedToActAsync(consent: false);

        var proposal = Assert.Single(await h.SendAsync(new ListIncomingHandoffsQuery(), h.Staff(DeviceType.Act, StaffRole.Director)));

        Assert.Null(proposal.SharedSummary);
        Assert.NotNull(proposal.Reason);
    }
}
