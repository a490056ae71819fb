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

    /// <summary>A 2×2 table with its row totals, column totals and grand total, flattened row by row (cells 0–8).</summary>
    private static readonly (int, IReadOnlyList<int>)[] TwoByTwo =
    [
        (2, [0, 1]), (5, [3, 4]), (8, [6, 7]), // rows: the total is the third cell of each
        (6, [0, 3]), (7, [1, 4]), (8, [2, 5]), // columns: the totals are the third row
    ];

    [Fact]
    public void One_small_cell_in_a_table_with_totals_hides_three_more_so_that_no_row_or_column_gives_it_back()
    {
        //   5  20 | 25
        //  30  40 | 70
        //  35  60 | 95
        var hidden = SmallCounts.SuppressLinked([5, 20, 25, 30, 40, 70, 35, 60, 95], TwoByTwo);

        Assert.Equal([0, 1, 3, 4], hidden.Order());
    }

    [Fact]
    public void A_small_row_total_is_hidden_too_and_its_column_is_protected_by_the_next_smallest_part()
    {
        //   4   0 |  4      the 4 and its total are both small
        //  20  15 | 35
        //  24  15 | 39
        var cells = new[] { 4, 0, 4, 20, 15, 35, 24, 15, 39 };
        var hidden = SmallCounts.SuppressLinked(cells, TwoByTwo);

        Assert.Equal([0, 2, 3, 5], hidden.Order());
        AssertNoEquationGivesOneBack(hidden, TwoByTwo);
    }

    [Fact]
    public void A_table_without_small_counts_is_given_whole_and_zeros_are_never_suppressed_first()
    {
        Assert.Empty(SmallCounts.SuppressLinked([0, 20, 20, 30, 40, 70, 30, 60, 90], TwoByTwo));
    }

    [Fact]
    public void Whatever_the_table_every_count_from_1_to_10_is_hidden_and_no_total_gives_a_hidden_cell_back()
    {
        var random = new Random(14);
        for (var run = 0; run < 300; run++)
        {
            var (rows, columns) = (random.Next(1, 6), random.Next(1, 6));
            var inner = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, columns).Select(_ => random.Next(4) == 0 ? random.Next(0, 11) : random.Next(0, 60)).ToArray()).ToArray();
            var width = columns + 1;
            var cells = new int[(rows + 1) * width];
            var equations = new List<(int, IReadOnlyList<int>)>();
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++) cells[r * width + c] = inner[r][c];
                cells[r * width + columns] = inner[r].Sum();
            }
            for (var c = 0; c <= columns; c++) cells[rows * width + c] = Enumerable.Range(0, rows).Sum(r => cells[r * width + c]);
            for (var r = 0; r <= rows; r++) equations.Add((r * width + columns, Enumerable.Range(0, columns).Select(c => r * width + c).ToList()));
            for (var c = 0; c <= columns; c++) equations.Add((rows * width + c, Enumerable.Range(0, rows).Select(r => r * width + c).ToList()));

            var hidden = SmallCounts.SuppressLinked(cells, equations);

            Assert.All(Enumerable.Range(0, cells.Length).Where(i => cells[i] is > 0 and <= 10), i => Assert.Contains(i, hidden));
            AssertNoEquationGivesOneBack(hidden, equations);
        }
    }

    private static void AssertNoEquationGivesOneBack(IReadOnlySet<int> hidden, IEnumerable<(int Total, IReadOnlyList<int> Parts)> equations) =>
        Assert.All(equations, e => Assert.NotEqual(1, e.Parts.Append(e.Total).Count(hidden.Contains)));
}
