using Orchestrator.Application.Boards;
using Orchestrator.Application.Handoffs;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Pathways;

/// <summary>A structure that runs no pathway of its own keeps the people it accepts on its screens, through the light accompaniment episode.</summary>
public sealed class AccompanimentTests
{
    /// <summary>An LHSS person oriented to the CHRS at exit, and the CHRS's director who accepts.</summary>
    private static async Task<(PathwayHarness H, Guid Person)> AcceptedByChrsAsync()
    {
        var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        await h.CompleteAsync(episode, "exitDecision", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["exitType"] = "planned" });
        await h.CompleteAsync(episode, "exitOrientation", h.Staff(DeviceType.Lhss, StaffRole.SocialWorker), new() { ["destination"] = "CHRS" });
        var handoff = Assert.Single(await h.HandoffsAsync(episode));
        await h.SendAsync(new AnswerHandoffCommand(handoff.Id, true, null), h.Staff(DeviceType.Chrs, StaffRole.Director));
        await h.DrainAsync();
        return (h, (await h.EpisodeAsync(episode)).PersonId);
    }

    [Fact]
    public async Task The_accepting_team_finds_the_person_on_its_dashboard_with_the_arrival_to_confirm_within_seven_days()
    {
        var (h, person) = await AcceptedByChrsAsync();
        await using var _ = h;

        var chrs = Assert.Single(await h.EpisodesOfPersonAsync(person), e => e.DeviceType == DeviceType.Chrs);
        Assert.Equal((EpisodeStatus.Active, "accompagnement"), (chrs.Status, chrs.DefinitionKey));
        var arrival = await h.TaskAsync(chrs.Id, "confirmArrival");
        Assert.Equal(h.Clock.GetUtcNow().AddDays(7).Date, arrival.DueAt!.Value.UtcDateTime.Date);
        var dashboard = await h.SendAsync(new ListEpisodesQuery(), h.Staff(DeviceType.Chrs, StaffRole.Director));
        Assert.Contains(dashboard.Items, row => row.PersonId == person && row.NextDeadline == "Accueillir la personne orientée");
        Assert.Contains(await h.SendAsync(new ListMyTasksQuery(), h.Staff(DeviceType.Chrs, StaffRole.SocialWorker)), t => t.PersonId == person && t.CanComplete);
    }

    [Fact]
    public async Task A_person_who_does_not_arrive_raises_a_high_alert_and_the_episode_ends_as_not_admitted()
    {
        var (h, person) = await AcceptedByChrsAsync();
        await using var _ = h;
        var chrs = (await h.EpisodesOfPersonAsync(person)).Single(e => e.DeviceType == DeviceType.Chrs);

        await h.CompleteAsync(chrs.Id, "confirmArrival", h.Staff(DeviceType.Chrs, StaffRole.SocialWorker), new() { ["arrival"] = "not-arrived" });

        var alert = Assert.Single(await h.AlertsAsync(chrs.Id), a => a.Type == "orientation-not-effective");
        Assert.Equal("high", alert.Severity);
        Assert.Equal(h.Clock.GetUtcNow().AddDays(2), alert.DueAt);
        Assert.Equal(EpisodeStatus.NotAdmitted, (await h.EpisodeAsync(chrs.Id)).Status); // the person never arrived
    }

    [Fact]
    public async Task An_arrival_starts_the_reviews_every_three_months_until_the_accompaniment_ends()
    {
        var (h, person) = await AcceptedByChrsAsync();
        await using var _ = h;
        var chrs = (await h.EpisodesOfPersonAsync(person)).Single(e => e.DeviceType == DeviceType.Chrs);
        var worker = h.Staff(DeviceType.Chrs, StaffRole.SocialWorker);

        await h.CompleteAsync(chrs.Id, "confirmArrival", worker, new() { ["arrival"] = "arrived" });
        Assert.Equal("Stay", (await h.EpisodeAsync(chrs.Id)).Stage.ToString());
        await h.CompleteAsync(chrs.Id, "reviewAccompaniment", worker, new() { ["accompaniment"] = "continue" });
        Assert.Single(await h.OpenTasksAsync(chrs.Id), t => t.ElementId == "reviewAccompaniment");
        await h.CompleteAsync(chrs.Id, "reviewAccompaniment", worker, new() { ["accompaniment"] = "ended" });

        Assert.Equal(EpisodeStatus.Closed, (await h.EpisodeAsync(chrs.Id)).Status);
        Assert.Contains("accompaniment-ended", await h.MilestonesAsync(chrs.Id));
    }
}
