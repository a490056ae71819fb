using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Episodes;
using Orchestrator.Application.People;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Security;

/// <summary>Person search: by pseudonym among the people one may read, by name only inside the care team, every name match audited.</summary>
public sealed class PersonSearchTests
{
    [Fact]
    public async Task A_team_finds_its_person_by_pseudonym_or_by_name_without_accents_and_another_team_finds_nothing()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var coordinator = h.Staff(DeviceType.Lhss, StaffRole.Coordinator);
        var admission = await h.SendAsync(new RequestAdmissionCommand(h.Structures[DeviceType.Lhss].Id, null,
            new NewPerson("J. B. 0042", 1968, "F", "Bérénice", "Jeanne", null), "PASS", null) { Referral = new(Domain.Pathways.ReferrerType.Doctor) }, coordinator);
        var person = (await h.EpisodeAsync(admission.EpisodeId)).PersonId;

        var byPseudonym = Assert.Single(await h.SendAsync(new SearchPeopleQuery("b. 0042"), coordinator));
        Assert.Equal((person, false), (byPseudonym.PersonId, byPseudonym.MatchedOnIdentity));
        Assert.Contains(h.Structures[DeviceType.Lhss].Name, byPseudonym.ActiveIn);

        var byName = Assert.Single(await h.SendAsync(new SearchPeopleQuery("berenice"), coordinator));
        Assert.True(byName.MatchedOnIdentity);
        Assert.DoesNotContain("Bérénice", System.Text.Json.JsonSerializer.Serialize(byName)); // the name itself never leaves

        Assert.Empty(await h.SendAsync(new SearchPeopleQuery("berenice"), h.Staff(DeviceType.Act, StaffRole.Coordinator)));
        Assert.Empty(await h.SendAsync(new SearchPeopleQuery("0042"), h.Staff(DeviceType.Act, StaffRole.Coordinator)));

        using var scope = h.Services.CreateScope();
        var audit = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Audit.AsNoTracking()
            .Where(a => a.Action == "identity.search").ToListAsync();
        Assert.Equal((person, coordinator.Id), (Assert.Single(audit).PersonId, audit[0].ActorId));
    }

    [Fact]
    public async Task A_search_of_one_letter_is_refused_in_french()
    {
        await using var h = await PathwayHarness.CreateAsync();

        var refusal = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            h.SendAsync(new SearchPeopleQuery("a"), h.Staff(DeviceType.Lhss, StaffRole.Coordinator)));

        Assert.Contains("de 2 à 100 caractères", refusal.Message);
    }
}
