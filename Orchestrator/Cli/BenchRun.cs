using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Cli;

/// <summary>The work the benchmark measures: starting instances, then completing every open user task, with a fixed number of concurrent callers.</summary>
internal sealed class BenchRun(EngineHost host, string definitionKey, IReadOnlyDictionary<string, object?> variables, int workers)
{
    private const int WarmUpRound = 250;
    private const int MaxWarmUpRounds = 60;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _refused = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> _refusedTasks = new();

    private WorkflowEngine Engine => host.Get<WorkflowEngine>();

    /// <summary>Starts and task completions the engine refused (the step failed and wrote nothing), with the element and reason.</summary>
    public IReadOnlyCollection<string> Refused => _refused;

    /// <summary>
    /// Runs the given number of instances, or by default rounds of instances until the pace stops improving for four rounds in a row: for the first
    /// seconds the runtime is still recompiling hot code with optimisations, and a host serves for months,
    /// so that is not the figure to report.
    /// </summary>
    public async Task<(int Instances, TimeSpan Took)> WarmUpAsync(int? instances)
    {
        var clock = Stopwatch.StartNew();
        if (instances is { } fixedCount)
        {
            if (fixedCount > 0) await StartAsync(fixedCount, "warm-up");
            await CompleteAllTasksAsync();
            return (fixedCount, clock.Elapsed);
        }
        double best = 0;
        var roundsSinceBest = 0;
        var round = 0;
        while (round < MaxWarmUpRounds && roundsSinceBest < 4)
        {
            round++;
            var started = Stopwatch.StartNew();
            await StartAsync(WarmUpRound, "warm-up");
            await CompleteAllTasksAsync();
            var rate = WarmUpRound / started.Elapsed.TotalSeconds;
            if (rate > best * 1.05) (best, roundsSinceBest) = (rate, 0);
            else roundsSinceBest++;
        }
        return (round * WarmUpRound, clock.Elapsed);
    }

    public Task StartAsync(int count, string businessKeyPrefix) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), Workers(), async (i, ct) =>
        {
            try
            {
                await Engine.StartAsync(definitionKey, variables, businessKey: $"{businessKeyPrefix}-{i}", ct: ct);
            }
            catch (WorkflowException e)
            {
                _refused.Enqueue("start: " + e.Message);
            }
        });

    public async Task<int> CompleteAllTasksAsync()
    {
        var completed = 0;
        while (true)
        {
            List<(Guid Id, string Fields)> open;
            await using (var db = await host.Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
                open = (await db.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open).Select(t => new { t.Id, t.Fields }).ToListAsync())
                    .Where(t => !_refusedTasks.ContainsKey(t.Id)).Select(t => (t.Id, t.Fields)).ToList();
            if (open.Count == 0) return completed;
            await Parallel.ForEachAsync(open, Workers(), async (task, ct) =>
            {
                try
                {
                    await Engine.CompleteTaskAsync(task.Id, TaskAutoFill.ValuesFor(task.Fields, DateTimeOffset.UtcNow), "bench", ct);
                }
                catch (WorkflowException e) when (e is not WorkflowConflictException)
                {
                    _refusedTasks[task.Id] = true;
                    _refused.Enqueue("task completion: " + e.Message);
                }
            });
            completed += open.Count;
        }
    }

    private ParallelOptions Workers() => new() { MaxDegreeOfParallelism = workers };
}
