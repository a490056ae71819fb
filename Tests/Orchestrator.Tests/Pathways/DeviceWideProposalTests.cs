using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Boards;
using Orchestrator.Application.Handoffs;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Pathways;

/// <summary>A proposal to every LAM of the directory is refused only when the last of them refuses; one refusal takes it off that LAM's list.</summary>
public sealed class DeviceWideProposalTests
{
    [Fact]
    public async Task One_lam_refusing_leaves_the_proposal_open_for_the_other_and_the_last_refusal_refuses_it()
    {
        await using var h = await PathwayHarness.CreateAsync();
        StaffMember otherDirector;
        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var other = new Structure { Name = "LAM de Calais", Type = DeviceType.Lam, Department = "62", City = "Calais" };
            otherDirector = new StaffMember { UserName = "lam-calais", DisplayName = "Direction LAM Calais", Role = StaffRole.Director, StructureId = other.Id };
            db.Structures.Add(other);
            db.Staff.Add(otherDirector);
            await db.SaveChangesAsync();
        }
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        await h.CompleteAsync(episode, "exitDecision", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["exitType"] = "planned" });
        await h.CompleteAsync(episode, "exitOrientation", h.Staff(DeviceType.Lhss, StaffRole.SocialWorker), new() { ["destination"] = "LAM" });
        var handoff = Assert.Single(await h.HandoffsAsync(episode));
        var firstDirector = h.Staff(DeviceType.Lam, StaffRole.Director);

        await h.SendAsync(new AnswerHandoffCommand(handoff.Id, false, "Pas de place"), firstDirector);

        Assert.Equal(HandoffState.Proposed, Assert.Single(await h.HandoffsAsync(episode)).State);
        Assert.Empty(await h.SendAsync(new ListIncomingHandoffsQuery(), firstDirector));
        Assert.Single(await h.SendAsync(new ListIncomingHandoffsQuery(), otherDirector));
        Assert.DoesNotContain(await h.AlertsAsync(episode), a => a.Type == "handoff-refused");

        await h.SendAsync(new AnswerHandoffCommand(handoff.Id, false, "Hors critères"), otherDirector);

        Assert.Equal(HandoffState.Refused, Assert.Single(await h.HandoffsAsync(episode)).State);
        Assert.Single(await h.AlertsAsync(episode), a => a.Type == "handoff-refused");
    }
}
