using Orchestrator.Components.Shared;
using Orchestrator.Domain.Staff;

namespace Orchestrator.Tests.Components;

/// <summary>The screens' names for codes come from RoleLabels.resx, in French, and a code without a name shows as it is.</summary>
public sealed class RoleLabelsTests
{
    public static TheoryData<StaffRole> Roles() => new(Enum.GetValues<StaffRole>());

    [Theory]
    [MemberData(nameof(Roles))]
    public void Every_role_has_a_french_name(StaffRole role)
    {
        var name = RoleLabels.Of(role);

        Assert.False(string.IsNullOrWhiteSpace(name));
        Assert.NotEqual(role.ToString(), name);
    }

    [Fact]
    public void Codes_read_in_french_and_an_unknown_code_shows_as_it_is()
    {
        Assert.Equal("médecin", RoleLabels.Of(StaffRole.Doctor));
        Assert.Equal("Suivi post-sortie", RoleLabels.Stage("FollowUp"));
        Assert.Equal("faible", RoleLabels.Severity("low"));
        Assert.Equal("prise en compte", RoleLabels.AlertState("Acknowledged"));
        Assert.Equal("Tâche humaine", RoleLabels.ElementType("userTask"));
        Assert.Equal("Flux", RoleLabels.ElementType("sequenceFlow"));
        Assert.Equal("Pension de famille", RoleLabels.Destination("Pension-De-Famille"));
        Assert.Equal("CHRS", RoleLabels.Destination("CHRS"));
        Assert.Equal("lane", RoleLabels.ElementType("lane"));
        Assert.Equal("—", RoleLabels.Day(null));
        Assert.Equal("publiée", RoleLabels.DefinitionState("Published"));
        Assert.Equal("retirée", RoleLabels.DefinitionState("Retired"));
    }

    [Fact]
    public void A_deadline_reads_in_calendar_days_in_french()
    {
        var now = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal("en retard de 3 jours", RoleLabels.DueIn(now.AddDays(-3), now));
        Assert.Equal("en retard de 1 jour", RoleLabels.DueIn(now.AddDays(-1), now));
        Assert.Equal("en retard (aujourd'hui)", RoleLabels.DueIn(now.AddHours(-1), now));
        Assert.Equal("aujourd'hui", RoleLabels.DueIn(now.AddHours(1), now));
        Assert.Equal("demain", RoleLabels.DueIn(now.AddDays(1), now));
        Assert.Equal("dans 4 jours", RoleLabels.DueIn(now.AddDays(4), now));
    }
}
