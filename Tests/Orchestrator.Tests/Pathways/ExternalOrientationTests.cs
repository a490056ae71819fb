using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Pathways;

/// <summary>
/// An orientation nobody in the directory can answer (médecin traitant, a kind of structure the directory does not hold)
/// never waits for an answer that cannot come: it becomes an external orientation the referent confirms within 15 days.
/// </summary>
public sealed class ExternalOrientationTests
{
    private static readonly DateTimeOffset Start = PathwayHarness.Start;

    /// <summary>An EMSP person met, checked, and oriented to <paramref name="destination"/>.</summary>
    private static async Task<(PathwayHarness H, Guid Episode)> OrientedAsync(string destination, Action<OrchestratorDbContext>? directory = null)
    {
        var h = await PathwayHarness.CreateAsync();
        if (directory is not null)
        {
            await using var scope = h.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            directory(db);
            await db.SaveChangesAsync();
        }
        var id = await h.ReferAsync(DeviceType.Emsp);
        var nurse = h.Staff(DeviceType.Emsp, StaffRole.Nurse);
        await h.CompleteAsync(id, "qualifyReport", h.Staff(DeviceType.Emsp, StaffRole.Coordinator), new() { ["reporterType"] = "private-person", ["place"] = "street", ["urgency"] = "normal" });
        await h.CompleteAsync(id, "intervention", nurse, new() { ["contact"] = "met" });
        await h.CompleteAsync(id, "healthCheck", nurse, new() { ["healthRightsOpen"] = true, ["destination"] = destination });
        return (h, id);
    }

    [Fact]
    public async Task An_orientation_to_the_medecin_traitant_asks_the_referent_for_the_contact_within_fifteen_days_and_never_expires()
    {
        var (h, id) = await OrientedAsync("medecin-traitant");
        await using var _ = h;

        var handoff = Assert.Single(await h.HandoffsAsync(id));
        Assert.Equal(HandoffState.External, handoff.State);
        var confirm = await h.TaskAsync(id, "confirmExternal");
        Assert.Equal(Start.AddDays(15), confirm.DueAt);

        await h.AdvanceAsync(TimeSpan.FromDays(8)); // past the 7-day answer deadline of a proposal: nothing expires
        Assert.DoesNotContain(await h.AlertsAsync(id), a => a.Type == "handoff-expired");
        await h.CompleteAsync(id, "confirmExternal", h.Staff(DeviceType.Emsp, StaffRole.Coordinator),
            new() { ["contact"] = "Dr Lemaire, cabinet rue Nationale, 03 20 00 00 00", ["effective"] = true });
        Assert.Contains("external-orientation-effective", await h.MilestonesAsync(id));
        Assert.Empty(await h.AlertsAsync(id));
    }

    [Fact]
    public async Task An_external_orientation_that_did_not_take_place_raises_an_alert_and_goes_back_to_the_coordinator()
    {
        var (h, id) = await OrientedAsync("medecin-traitant");
        await using var _ = h;
        await h.AdvanceAsync(TimeSpan.FromDays(10));

        await h.CompleteAsync(id, "confirmExternal", h.Staff(DeviceType.Emsp, StaffRole.Coordinator), new() { ["contact"] = "Cabinet médical du quartier", ["effective"] = false });

        var alert = Assert.Single(await h.AlertsAsync(id), a => a.Type == "orientation-not-effective");
        Assert.Equal((Start.AddDays(10), Start.AddDays(12)), (alert.RaisedAt, alert.DueAt));
        Assert.Equal(Start.AddDays(12), (await h.TaskAsync(id, "reorient")).DueAt);
    }

    [Fact]
    public async Task A_kind_of_structure_the_directory_does_not_hold_is_an_external_orientation_too()
    {
        var (h, id) = await OrientedAsync("CMP", db =>
        {
            var cmp = db.Structures.Include(s => s.Sites).Single(s => s.Type == DeviceType.Cmp);
            db.Staff.RemoveRange(db.Staff.Where(m => m.StructureId == cmp.Id));
            db.Structures.Remove(cmp);
        });
        await using var _ = h;

        Assert.Equal(HandoffState.External, Assert.Single(await h.HandoffsAsync(id)).State);
        Assert.Equal(Start.AddDays(15), (await h.TaskAsync(id, "confirmExternal")).DueAt);
    }

    [Fact]
    public async Task A_structure_of_the_directory_still_receives_a_proposal_it_answers()
    {
        var (h, id) = await OrientedAsync("CMP");
        await using var _ = h;

        Assert.Equal(HandoffState.Proposed, Assert.Single(await h.HandoffsAsync(id)).State);
        await using var wf = await h.Services.GetRequiredService<IDbContextFactory<Workflows.Persistence.WorkflowDbContext>>().CreateDbContextAsync();
        Assert.False(await wf.Tasks.AnyAsync(t => t.ElementId == "confirmExternal"));
    }
}
