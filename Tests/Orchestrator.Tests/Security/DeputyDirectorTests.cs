using FluentValidation;
using Orchestrator.Application.Security;
using Orchestrator.Application.Staff;
using Orchestrator.Application.Boards;
using Orchestrator.Application.Tasks;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Security;

/// <summary>The director names a deputy of the structure, who then completes the director's tasks there and nowhere else.</summary>
public sealed class DeputyDirectorTests
{
    private static async Task<(PathwayHarness H, Guid Episode)> AwaitingDecisionAsync()
    {
        var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        return (h, episode);
    }

    [Fact]
    public async Task The_named_deputy_completes_the_directors_decision_and_lists_it_as_theirs()
    {
        var (h, episode) = await AwaitingDecisionAsync();
        await using var _ = h;
        var coordinator = h.Staff(DeviceType.Lhss, StaffRole.Coordinator);
        Assert.Equal("réservé au directeur", (await h.SendAsync(new ListMyTasksQuery(), coordinator)).Single(t => t.ElementId == "directorDecision").ReservedLabel);

        await h.SendAsync(new NameDeputyDirectorCommand(coordinator.Id), h.Staff(DeviceType.Lhss, StaffRole.Director));

        Assert.True((await h.SendAsync(new ListMyTasksQuery(), coordinator)).Single(t => t.ElementId == "directorDecision").CanComplete);
        Assert.Contains(await h.SendAsync(new ListTeamQuery(), coordinator), m => m.Id == coordinator.Id && m.DeputyDirector);
        await h.CompleteAsync(episode, "directorDecision", coordinator, new() { ["decision"] = "admit" });
    }

    [Fact]
    public async Task A_withdrawn_deputy_and_other_structures_staff_cannot_complete_the_directors_tasks()
    {
        var (h, episode) = await AwaitingDecisionAsync();
        await using var _ = h;
        var director = h.Staff(DeviceType.Lhss, StaffRole.Director);
        var doctor = h.Staff(DeviceType.Lhss, StaffRole.Doctor);
        await h.SendAsync(new NameDeputyDirectorCommand(doctor.Id), director);
        await h.SendAsync(new NameDeputyDirectorCommand(null), director);
        var task = await h.TaskAsync(episode, "directorDecision");

        var refusal = await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new CompleteTaskCommand(task.Id, new Dictionary<string, object?> { ["decision"] = "admit" }), doctor));
        Assert.Equal("Cette tâche est réservée au directeur de la structure.", refusal.Message);
        await h.SendAsync(new NameDeputyDirectorCommand(h.Staff(DeviceType.Act, StaffRole.Coordinator).Id), h.Staff(DeviceType.Act, StaffRole.Director));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            h.SendAsync(new CompleteTaskCommand(task.Id, new Dictionary<string, object?> { ["decision"] = "admit" }), h.Staff(DeviceType.Act, StaffRole.Coordinator)));
    }

    [Fact]
    public async Task Only_the_director_names_a_deputy_and_only_from_their_own_team()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var director = h.Staff(DeviceType.Lhss, StaffRole.Director);

        var other = await Assert.ThrowsAsync<ValidationException>(() => h.SendAsync(new NameDeputyDirectorCommand(h.Staff(DeviceType.Act, StaffRole.Nurse).Id), director));
        Assert.Equal("staffId", Assert.Single(other.Errors).PropertyName);
        // Naming nobody: another structure's professional and an unknown id get the same answer.
        Assert.Equal("Ce professionnel n'est pas de votre structure.", other.Errors.Single().ErrorMessage);
        var unknown = await Assert.ThrowsAsync<ValidationException>(() => h.SendAsync(new NameDeputyDirectorCommand(Guid.NewGuid()), director));
        Assert.Equal(other.Errors.Single().ErrorMessage, unknown.Errors.Single().ErrorMessage);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            h.SendAsync(new NameDeputyDirectorCommand(h.Staff(DeviceType.Lhss, StaffRole.Coordinator).Id), h.Staff(DeviceType.Lhss, StaffRole.Coordinator)));
    }
}
