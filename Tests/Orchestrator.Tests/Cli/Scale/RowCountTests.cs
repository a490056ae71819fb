using System.Text;
using Orchestrator.Cli.Scale;

namespace Orchestrator.Tests.Cli.Scale;

/// <summary><c>scale routes</c> counts a route's rows as its answer streams in, whatever the chunks it arrives in.</summary>
public sealed class RowCountTests
{
    [Theory]
    [InlineData("[]", 0)]
    [InlineData("""[{"a":[1,2,{"b":[]}]},{"a":"]"},3,"x",[4,5],null]""", 6)]
    [InlineData("""{"items":[{"id":1,"tags":[1,2]},{"id":2},{"id":3}],"total":3}""", 3)]
    [InlineData("""{"total":3,"stages":{"items":[1,2]}}""", 1)]
    [InlineData("42", 1)]
    public async Task Counts_the_elements_of_a_top_level_array_or_the_items_of_a_page_and_one_for_anything_else(string json, int rows)
    {
        Assert.Equal(rows, await RoutesCommand.CountRowsAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None));
        Assert.Equal(rows, await RoutesCommand.CountRowsAsync(new TrickleStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None));
    }

    [Fact]
    public async Task A_value_longer_than_its_buffer_is_counted_once()
    {
        var json = $$"""[{"text":"{{new string('é', 100_000)}}"},{"text":"short"}]""";
        Assert.Equal(2, await RoutesCommand.CountRowsAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None));
    }

    /// <summary>Hands its bytes over three at a time, so tokens are cut across reads as on a network.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(3, buffer.Length)], cancellationToken);
    }
}
