using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Episodes;
using Orchestrator.Application.Settings;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Pathways;

/// <summary>A structure's own value of a deadline overrides the value for every structure, for its own episodes only.</summary>
public sealed class StructureParameterTests
{
    private static readonly DateTimeOffset Start = PathwayHarness.Start;

    /// <summary>A second LHSS, in another département, with its coordinator, doctor and director.</summary>
    private static async Task<(Structure Structure, StaffMember Coordinator, StaffMember Doctor, StaffMember Director)> SecondLhssAsync(PathwayHarness h)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var structure = new Structure { Name = "LHSS d'Arras", Type = DeviceType.Lhss, Department = "62", City = "Arras" };
        structure.Sites.Add(new Site { Name = "Site principal", City = "Arras", Capacity = 10 });
        StaffMember Member(StaffRole role) => new() { UserName = $"arras-{role}".ToLowerInvariant(), DisplayName = $"{role} Arras", Role = role, StructureId = structure.Id };
        var (coordinator, doctor, director) = (Member(StaffRole.Coordinator), Member(StaffRole.Doctor), Member(StaffRole.Director));
        db.Structures.Add(structure);
        db.Staff.AddRange(coordinator, doctor, director);
        await db.SaveChangesAsync();
        return (structure, coordinator, doctor, director);
    }

    private static async Task<Guid> AdmitAsync(PathwayHarness h, Structure structure, StaffMember coordinator, StaffMember doctor, StaffMember director)
    {
        var admission = await h.SendAsync(new RequestAdmissionCommand(structure.Id, null,
            new NewPerson(TestPseudonyms.Next("P. S."), 1970, null, null, null, null), "Test", null)
            { Referral = PathwayHarness.LawfulReferral(DeviceType.Lhss) }, coordinator);
        await h.CompleteAsync(admission.EpisodeId, "medicalOpinion", doctor, new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(admission.EpisodeId, "directorDecision", director, new() { ["decision"] = "admit" });
        return admission.EpisodeId;
    }

    [Fact]
    public async Task A_structures_own_deadline_applies_to_its_episodes_and_the_others_keep_the_common_value()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var admin = await h.AdministratorAsync();
        var arras = await SecondLhssAsync(h);
        var lille = (Structure: h.Structures[DeviceType.Lhss], Coordinator: h.Staff(DeviceType.Lhss, StaffRole.Coordinator),
            Doctor: h.Staff(DeviceType.Lhss, StaffRole.Doctor), Director: h.Staff(DeviceType.Lhss, StaffRole.Director));

        await h.SendAsync(new SetPathwayParameterCommand("lhss", "dipcDeadline", "P12D"), admin);
        await h.SendAsync(new SetPathwayParameterCommand("lhss", "dipcDeadline", "P8D", arras.Structure.Id), admin);
        var inArras = await AdmitAsync(h, arras.Structure, arras.Coordinator, arras.Doctor, arras.Director);
        var inLille = await AdmitAsync(h, lille.Structure, lille.Coordinator, lille.Doctor, lille.Director);

        Assert.Equal(Start.AddDays(8), (await h.TaskAsync(inArras, "dipcHandover")).DueAt);
        Assert.Equal(Start.AddDays(12), (await h.TaskAsync(inLille, "dipcHandover")).DueAt);
        var dipc = Assert.Single(await h.SendAsync(new GetPathwayParametersQuery("lhss"), admin), p => p.Name == "dipcDeadline");
        Assert.Equal("P12D", dipc.Value);
        Assert.Equal(("LHSS d'Arras", "62", "P8D"), (Assert.Single(dipc.Overrides).Structure, dipc.Overrides[0].Department, dipc.Overrides[0].Value));

        // Withdrawn, the structure's episodes follow the common value again.
        await h.SendAsync(new ClearPathwayParameterCommand("lhss", "dipcDeadline", arras.Structure.Id), admin);
        var afterwards = await AdmitAsync(h, arras.Structure, arras.Coordinator, arras.Doctor, arras.Director);
        Assert.Equal(Start.AddDays(12), (await h.TaskAsync(afterwards, "dipcHandover")).DueAt);
    }

    [Fact]
    public async Task A_structures_value_keeps_the_legal_bound_and_a_structure_outside_the_pathway_is_refused()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var admin = await h.AdministratorAsync();

        var beyond = await Assert.ThrowsAsync<ValidationException>(() =>
            h.SendAsync(new SetPathwayParameterCommand("lhss", "dipcDeadline", "P20D", h.Structures[DeviceType.Lhss].Id), admin));
        Assert.Equal("value", Assert.Single(beyond.Errors).PropertyName);
        var elsewhere = await Assert.ThrowsAsync<ValidationException>(() =>
            h.SendAsync(new SetPathwayParameterCommand("lhss", "dipcDeadline", "P10D", h.Structures[DeviceType.Act].Id), admin));
        Assert.Equal("structureId", Assert.Single(elsewhere.Errors).PropertyName);
        Assert.Contains("ne suit pas le parcours lhss", elsewhere.Errors.Single().ErrorMessage);
        var zero = await Assert.ThrowsAsync<ValidationException>(() =>
            h.SendAsync(new SetPathwayParameterCommand("lhss", "medicalOpinionDelay", "PT0S", h.Structures[DeviceType.Lhss].Id), admin));
        Assert.StartsWith("Un délai nul", Assert.Single(zero.Errors).ErrorMessage);
        await Assert.ThrowsAsync<Application.Security.NotFoundException>(() => h.SendAsync(new GetPathwayParametersQuery("inconnu"), admin));
        Assert.Empty(Assert.Single(await h.SendAsync(new GetPathwayParametersQuery("lhss"), admin), p => p.Name == "dipcDeadline").Overrides);
    }
}
