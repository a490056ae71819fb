using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Tests.Persistence;

public sealed class OrderedIdsTests
{
    [Fact]
    public void Ids_made_at_one_instant_sort_in_the_order_they_were_made_as_guids_and_as_text()
    {
        var instant = new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero);

        var ids = Enumerable.Range(0, 2000).Select(_ => OrderedIds.Next(instant)).ToList();

        Assert.Equal(ids, ids.Order().ToList());
        Assert.Equal(ids.Select(i => i.ToString()), ids.Select(i => i.ToString()).Order(StringComparer.Ordinal).ToList());
        Assert.All(ids, id => Assert.Equal(7, id.Version));
        Assert.All(ids, id => Assert.Equal(0b10, id.Variant >> 2));
    }

    [Fact]
    public void An_id_made_on_a_clock_that_went_back_still_sorts_after_the_earlier_ones()
    {
        var first = OrderedIds.Next(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var second = OrderedIds.Next(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.True(second.CompareTo(first) > 0);
    }
}
