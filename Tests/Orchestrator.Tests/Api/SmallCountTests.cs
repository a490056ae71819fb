using System.Net.Http.Json;
using System.Text.Json;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>The regional viewer never reads a count of people from 1 to 10, whatever the route.</summary>
public sealed class SmallCountTests(ApiApp app) : IClassFixture<ApiApp>
{
    /// <summary>The properties that count people on each route the regional viewer reaches (places and structures are not people).</summary>
    private static readonly Dictionary<string, string[]> CountsOf = new()
    {
        ["/api/structures/occupancy"] = ["occupied", "waiting"],
        ["/api/indicators"] = ["activeEpisodes", "admissions", "notAdmitted", "exits", "openAlerts"],
    };

    [Fact]
    public async Task The_regional_viewer_never_reads_a_count_from_1_to_10_on_occupancy_or_indicators()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        await app.AdmitAsync(coordinator, "referent-a");
        await app.AdmitAsync(coordinator, "referent-b");
        var ars = await app.SignedInAsync("ars");

        var lhss = (await coordinator.GetFromJsonAsync<JsonElement>("/api/structures/occupancy")).EnumerateArray()
            .Single(s => s.GetProperty("id").GetGuid() == app.Lhss.Id);
        Assert.InRange(lhss.GetProperty("occupied").GetInt32(), 2, 10); // the team itself reads its own numbers
        foreach (var (route, counts) in CountsOf)
        {
            var rows = (await ars.GetFromJsonAsync<JsonElement>(route)).EnumerateArray().ToList();
            Assert.NotEmpty(rows);
            foreach (var row in rows)
            {
                foreach (var count in counts) AssertNotSmall(row.GetProperty(count), $"{route} {count}");
                if (row.TryGetProperty("sites", out var sites))
                    foreach (var site in sites.EnumerateArray()) AssertNotSmall(site.GetProperty("occupied"), $"{route} site occupied");
            }
        }
        var suppressed = (await ars.GetFromJsonAsync<JsonElement>("/api/structures/occupancy")).EnumerateArray()
            .Single(s => s.GetProperty("id").GetGuid() == app.Lhss.Id);
        Assert.Equal(JsonValueKind.Null, suppressed.GetProperty("occupied").ValueKind);
    }

    private static void AssertNotSmall(JsonElement value, string what) =>
        Assert.True(value.ValueKind == JsonValueKind.Null || value.GetInt32() is 0 or > 10, $"{what} = {value}");
}
