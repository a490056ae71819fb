using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;

namespace Orchestrator.Tests.Security;

public sealed class SmallCountsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, null)]
    [InlineData(10, null)]
    [InlineData(11, 11)]
    public void Counts_from_1_to_10_are_suppressed(int count, int? expected) => Assert.Equal(expected, SmallCounts.Suppress(count));

    [Fact]
    public void When_one_part_of_a_given_total_is_suppressed_the_others_are_too_so_that_it_cannot_be_subtracted_back()
    {
        Assert.Equal([null, null, 0], SmallCounts.SuppressParts([12, 3, 0]));
        Assert.Equal([12, 30], SmallCounts.SuppressParts([12, 30]));
        Assert.Equal([null], SmallCounts.SuppressParts([4]));
    }

    [Fact]
    public void A_suppressed_count_is_shown_as_less_than_11_and_only_the_regional_viewer_s_outputs_are_suppressed()
    {
        Assert.Equal("< 11", SmallCounts.Show(null));
        Assert.Equal("0", SmallCounts.Show(0));
        Assert.All(Enum.GetValues<StaffRole>(), role =>
            Assert.Equal(role == StaffRole.RegionalViewer, SmallCounts.AppliesTo(new StaffMember { UserName = "x", DisplayName = "x", Role = role })));
    }
}
