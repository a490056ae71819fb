using System.Collections;
using System.Diagnostics;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Security;
using Orchestrator.Persistence;

namespace Orchestrator.Cli.Scale;

/// <summary>
/// The queries behind the screens, timed through the application layer as the people who open them: the dashboard and risk
/// board (each filter) of the busiest structure's coordinator, « Cette semaine » and « Mes tâches » of the referent who follows
/// the most people, a person page, occupancy and the regional indicators of the regional viewer. Prints p50 and p95 in ms.
/// </summary>
internal static class ScreenTimings
{
    private const int WarmUpRuns = 2;

    public static async Task PrintAsync(IServiceProvider provider, int samples, TextWriter stdout, CancellationToken ct)
    {
        ScreenSubjects subjects;
        await using (var scope = provider.CreateAsyncScope())
            subjects = await ScreenSubjects.FindAsync(scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>(), ct);
        var scopes = provider.GetRequiredService<IServiceScopeFactory>();
        await stdout.WriteLineAsync($"screen queries           {samples} timed runs each after {WarmUpRuns} untimed; p50 / p95 in ms, rows returned");
        foreach (var screen in subjects.Screens(DateTimeOffset.UtcNow.Year))
            await PrintAsync(screen.Name, samples, stdout, async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentStaff>().Member = screen.Who;
                return await screen.Query(scope.ServiceProvider.GetRequiredService<IMediator>(), ct) switch
                {
                    ICollection list => list.Count,
                    Application.Boards.AlertBoardPage page => page.Items.Count, // a page: its rows, not the page
                    Application.Boards.EpisodePage page => page.Items.Count,
                    _ => 1,
                };
            });
    }

    /// <summary>Runs <paramref name="run"/> (which returns how many rows it got) untimed twice, then <paramref name="samples"/> times, and prints p50/p95.</summary>
    public static async Task PrintAsync(string name, int samples, TextWriter stdout, Func<Task<int>> run)
    {
        var times = new List<double>(samples);
        var rows = 0;
        for (var i = 0; i < WarmUpRuns + samples; i++)
        {
            var watch = Stopwatch.StartNew();
            rows = await run();
            if (i >= WarmUpRuns) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        await stdout.WriteLineAsync($"  {name,-44} {Percentile(times, 0.50),8:F1} {Percentile(times, 0.95),8:F1}   {rows} rows");
    }

    /// <summary>The nearest-rank percentile of sorted <paramref name="sorted"/> (0 &lt; <paramref name="p"/> ≤ 1).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
