using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Cli.Scale;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;

namespace Orchestrator.Tests.Cli.Scale;

public sealed class ScaleCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "scale-tests-" + Guid.NewGuid().ToString("N"));
    private static string Shipped => Path.Combine(AppContext.BaseDirectory, "shipped");

    [Fact]
    public async Task A_small_region_admits_its_people_raises_alerts_fires_timers_and_times_every_screen()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await ScaleCommand.RunAsync(["--people", "50", "--screen-samples", "1", "--keep", _directory, "--definitions", Shipped], stdout, stderr);

        Assert.True(exit == 0, stderr.ToString());
        var report = stdout.ToString();
        Assert.Matches(@"(?m)^people\s+50 referred", report);
        Assert.True(Figure(report, "timers fired") > 0, report);
        Assert.True(Figure(report, "alerts") > 0, report);
        foreach (var line in new[] { "steps", "handoffs", "follow-ups", "wall time", "database size", "dashboard (Tous les épisodes)", "risk board, alert type",
                     "Mes tâches (referent)", "person page", "occupancy (regional viewer)", "indicators (regional viewer)" })
            Assert.Contains(line, report);

        // What the report says is what the kept database holds: people referred across the device types, admitted, alerted.
        await using var db = new OrchestratorDbContext(new DbContextOptionsBuilder<OrchestratorDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_directory, "orchestrator.db")};Pooling=False").Options);
        Assert.Equal(50, await db.People.CountAsync());
        var episodes = await db.Episodes.AsNoTracking().ToListAsync();
        Assert.Contains(episodes, e => e.AdmittedAt != null);
        Assert.True(episodes.Select(e => e.DeviceType).Distinct().Count() >= 4);
        Assert.Equal(Figure(report, "alerts"), await db.Alerts.CountAsync());
        Assert.All(episodes, e => Assert.True(e.RequestedAt <= DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Keeping_the_files_is_refused_with_postgresql_before_anything_runs()
    {
        var stderr = new StringWriter();

        Assert.Equal(2, await ScaleCommand.RunAsync(["--postgres", "Host=nowhere", "--keep", _directory], new StringWriter(), stderr));

        Assert.Contains("--keep is for SQLite", stderr.ToString());
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void Percentiles_take_the_nearest_rank()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(5, ScreenTimings.Percentile(sorted, 0.50));
        Assert.Equal(10, ScreenTimings.Percentile(sorted, 0.95));
        Assert.Equal(0, ScreenTimings.Percentile([], 0.95));
    }

    [Fact]
    public void The_directory_grows_with_the_referrals_so_each_structure_takes_about_150_people_a_year()
    {
        Assert.Equal(2, RegionArrivals.StructuresPerType(50));
        Assert.Equal(9, RegionArrivals.StructuresPerType(20_000)); // 8 pathway types × 2 départements × 9 × 150 ≥ 20,000
        Assert.Equal(1.0, RegionArrivals.Shares.Values.Sum(), 6);
        Assert.All(Enum.GetValues<DeviceType>().Where(t => t.RunsPathways()), t => Assert.True(RegionArrivals.Shares.ContainsKey(t)));
    }

    private static int Figure(string report, string name) =>
        int.Parse(Regex.Match(report, $@"(?m)^{Regex.Escape(name)}\s+(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
