using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Workflows.Runtime;
using Orchestrator.Workflows.Scheduling;
using Quartz;

namespace Orchestrator.Workflows.Tests.Scheduling;

/// <summary>A call into Quartz's store that never returns fails within its bound instead of holding the node's timers.</summary>
public sealed class QuartzStoreCallTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeTimeProvider _wall = new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_trigger_write_the_store_never_answers_fails_with_a_timeout_naming_it_once_the_bound_has_passed_on_the_wall_clock()
    {
        var store = StuckStore.Create(hangFirstWrite: true);
        var timers = Scheduler(store);

        await timers.ScheduleAsync([new ScheduledTimer(Guid.NewGuid(), _clock.GetUtcNow().AddMinutes(30))], default);
        var flush = timers.FlushAsync();
        await store.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromDays(1)); // the scheduling clock does not bound it: a test's, or a simulation's, may stand still
        Assert.False(flush.IsCompleted);

        _wall.Advance(TimeSpan.FromMinutes(2));
        // The write that hangs is this flush's or the background one that scheduling started, whichever took the gate first:
        // the timeout reaches this flush, or the background flush's log. Waited for at most 30 s of real time, so that a
        // flush without its bound fails this test instead of hanging the run.
        Assert.Contains("ScheduleJobs (1 triggers)", (await TimeoutOfAsync(flush)).Message);
        Assert.True(store.FirstWriteCancelled, "the store's call is told to stop too");
    }

    [Fact]
    public async Task After_a_write_timed_out_the_next_flush_is_not_held_behind_it_and_writes_what_came_since()
    {
        var store = StuckStore.Create(hangFirstWrite: true);
        var timers = Scheduler(store);
        await timers.ScheduleAsync([new ScheduledTimer(Guid.NewGuid(), _clock.GetUtcNow().AddMinutes(30))], default);
        var stuck = timers.FlushAsync();
        await store.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(30));
        _wall.Advance(TimeSpan.FromMinutes(2));
        Assert.Contains("ScheduleJobs", (await TimeoutOfAsync(stuck)).Message);

        var later = Guid.NewGuid();
        await timers.ScheduleAsync([new ScheduledTimer(later, _clock.GetUtcNow().AddMinutes(10))], default);
        await timers.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(later.ToString(), store.Written);
    }

    private QuartzTimerScheduler Scheduler(StuckStore store) => new(new OneScheduler(store.Scheduler), _clock,
        Options.Create(new QuartzTimerOptions { StoreCallTimeout = TimeSpan.FromMinutes(2), WallClock = _wall }), new FailureLog(_logged));

    private readonly System.Collections.Concurrent.ConcurrentQueue<Exception> _logged = new();

    /// <summary>
    /// The timeout of the write that hung: <paramref name="flush"/>'s own, or that of the background flush scheduling started, if it
    /// took the gate first (it logs its failure as it ends, on its own thread).
    /// </summary>
    private async Task<TimeoutException> TimeoutOfAsync(Task flush)
    {
        if (await Record.ExceptionAsync(() => flush.WaitAsync(TimeSpan.FromSeconds(30))) is TimeoutException own) return own;
        Assert.True(SpinWait.SpinUntil(() => !_logged.IsEmpty, TimeSpan.FromSeconds(30)), "no write timed out");
        return Assert.IsType<TimeoutException>(_logged.First());
    }

    /// <summary>Keeps the exceptions the scheduler logs, such as a background flush's timeout.</summary>
    private sealed class FailureLog(System.Collections.Concurrent.ConcurrentQueue<Exception> logged) : Microsoft.Extensions.Logging.ILogger<QuartzTimerScheduler>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (exception is not null) logged.Enqueue(exception);
        }
    }

    private sealed class OneScheduler(IScheduler scheduler) : ISchedulerFactory
    {
        public ValueTask<List<IScheduler>> GetAllSchedulers(CancellationToken cancellationToken = default) => new([scheduler]);
        public ValueTask<IScheduler> GetScheduler(CancellationToken cancellationToken = default) => new(scheduler);
        public ValueTask<IScheduler?> LookupScheduler(string schedName, CancellationToken cancellationToken = default) => new(scheduler);
    }

    /// <summary>A store whose first trigger write never returns (and notes whether it was asked to stop); later writes are recorded.</summary>
    public class StuckStore : DispatchProxy
    {
        private readonly TaskCompletionSource _firstWriteStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _hangFirstWrite;
        private int _writes;

        public Task FirstWriteStarted => _firstWriteStarted.Task;
        public bool FirstWriteCancelled { get; private set; }
        public List<string> Written { get; } = [];
        public IScheduler Scheduler { get; private set; } = null!;

        public static StuckStore Create(bool hangFirstWrite)
        {
            var proxy = Create<IScheduler, StuckStore>();
            var store = (StuckStore)(object)proxy;
            store._hangFirstWrite = hangFirstWrite;
            store.Scheduler = proxy;
            return store;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method?.Name != nameof(IScheduler.ScheduleJobs)) throw new NotSupportedException(method?.Name);
            if (Interlocked.Increment(ref _writes) == 1 && _hangFirstWrite)
            {
                var token = (CancellationToken)args![^1]!;
                token.Register(() => FirstWriteCancelled = true);
                _firstWriteStarted.TrySetResult();
                return new ValueTask(new TaskCompletionSource().Task); // never answers, whatever the token says
            }
            var jobs = (IReadOnlyDictionary<IJobDetail, IReadOnlyCollection<ITrigger>>)args![0]!;
            lock (Written) Written.AddRange(jobs.Values.SelectMany(t => t).Select(t => t.Key.Name));
            return ValueTask.CompletedTask;
        }
    }
}
