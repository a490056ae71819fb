using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Episodes;
using Orchestrator.Domain.People;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.People;

/// <summary>Identity vigilance: a team never follows two people under one pseudonym, since nothing else tells them apart on its lists.</summary>
public sealed class PseudonymUniquenessTests
{
    [Theory]
    [InlineData("J. D. 0042", "jd 0042")]
    [InlineData("J. D. 0042", "J.-D. 0042")]
    [InlineData("É. D. 7", "E D 7")]
    public void Pseudonyms_differing_only_in_case_accents_spaces_or_punctuation_are_the_same(string a, string b) => Assert.True(PseudonymRule.Same(a, b));

    [Theory]
    [InlineData("J. D. 0042", "J. D. 0043")]
    [InlineData("J. D. 0042", "J. B. 0042")]
    public void Pseudonyms_with_another_number_or_other_initials_are_different(string a, string b) => Assert.False(PseudonymRule.Same(a, b));

    [Fact]
    public async Task A_new_record_under_a_pseudonym_the_team_already_follows_is_refused_naming_the_field_and_nothing_is_saved()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var coordinator = h.Staff(DeviceType.Lhss, StaffRole.Coordinator);
        await h.SendAsync(Referral(h, DeviceType.Lhss, "J. D. 0042"), coordinator);
        var people = await PeopleCountAsync(h);

        var refusal = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => h.SendAsync(Referral(h, DeviceType.Lhss, "jd 0042"), coordinator));

        var failure = Assert.Single(refusal.Errors);
        Assert.Equal("newPerson.pseudonym", failure.PropertyName);
        Assert.Equal("Votre équipe suit déjà une personne sous le pseudonyme « jd 0042 » : s'il s'agit d'elle, retrouvez-la par la recherche ; " +
            "sinon, choisissez un autre numéro.", failure.ErrorMessage);
        Assert.Equal(people, await PeopleCountAsync(h));
    }

    [Fact]
    public async Task Another_structure_may_use_a_pseudonym_it_cannot_see_and_the_same_team_may_use_another_number()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var before = await PeopleCountAsync(h);
        await h.SendAsync(Referral(h, DeviceType.Lhss, "J. D. 0042"), h.Staff(DeviceType.Lhss, StaffRole.Coordinator));

        // The ACT team cannot read the LHSS record: refusing would tell it that someone it does not follow carries that pseudonym.
        await h.SendAsync(Referral(h, DeviceType.Act, "J. D. 0042"), h.Staff(DeviceType.Act, StaffRole.Coordinator));
        await h.SendAsync(Referral(h, DeviceType.Lhss, "J. D. 0043"), h.Staff(DeviceType.Lhss, StaffRole.Coordinator));

        Assert.Equal(before + 3, await PeopleCountAsync(h));
    }

    private static RequestAdmissionCommand Referral(PathwayHarness h, DeviceType device, string pseudonym) =>
        new(h.Structures[device].Id, null, new NewPerson(pseudonym, 1970, "M", null, null, null), "PASS", null) { Referral = PathwayHarness.LawfulReferral(device) };

    private static async Task<int> PeopleCountAsync(PathwayHarness h)
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().People.CountAsync();
    }
}
