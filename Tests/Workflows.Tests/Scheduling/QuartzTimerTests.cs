using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Scheduling;
using Quartz;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Scheduling;

/// <summary>Timers on the real Quartz scheduler with its persistent SQLite store, driven by a fake clock.</summary>
public sealed class QuartzTimerTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wf-quartz-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
    private readonly TaskSink _sink = new();
    private IHost? _host;

    private static readonly string Stay = Waiting("stay", "P2M");
    private static readonly string Callback = Waiting("callback", "PT30M");

    /// <summary>After its timer, a gateway whose condition reads a variable nobody set: the timer's step fails every time.</summary>
    private static readonly string Broken = Process("broken", $"""
        <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="callBack">{Timer("timeDuration", "PT10M")}</bpmn:intermediateCatchEvent>
        <bpmn:exclusiveGateway id="decide" /><bpmn:endEvent id="yes" /><bpmn:endEvent id="no" />
        {Flow("f1", "start", "callBack")}{Flow("f2", "callBack", "decide")}
        {Flow("f3", "decide", "yes", "${neverSet.answer == 'yes'}")}{Flow("f4", "decide", "no", "${neverSet.answer != 'yes'}")}
        """);

    private static string Waiting(string key, string duration) => Process(key, $"""
        <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="plannedEnd">{Timer("timeDuration", duration)}</bpmn:intermediateCatchEvent>
        <bpmn:userTask id="renewal" /><bpmn:endEvent id="end" />
        {Flow("f1", "start", "plannedEnd")}{Flow("f2", "plannedEnd", "renewal")}{Flow("f3", "renewal", "end")}
        """);

    private TestPostgres? _postgres;

    private WorkflowStorage Storage => _postgres?.Storage ?? WorkflowStorage.SqliteFiles(Path.Combine(_directory, "app.db"), Path.Combine(_directory, "quartz.db"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    private async Task StartHostAsync(Action<QuartzTimerOptions>? timers = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.Services.AddSingleton<IWorkflowEventSink>(_sink);
        builder.Services.AddWorkflows(Storage);
        builder.Services.AddQuartzTimers(Storage, configure: timers);
        _host = builder.Build();
        await WorkflowSchema.MigrateAsync(_host.Services);
        await _host.StartAsync();
        // The start-up reconciliation runs in the background; a test that moves the clock or reconciles itself
        // waits for it, or it would see an overdue timer rescheduled by both.
        await Get<TimerReconciliationService>().StartupReconciled.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private async Task StopHostAsync()
    {
        await _host!.StopAsync();
        _host.Dispose();
        _host = null;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private T Get<T>() where T : notnull => _host!.Services.GetRequiredService<T>();

    private async Task<ITrigger?> TriggerOfOnlyTimerAsync()
    {
        await Get<QuartzTimerScheduler>().FlushAsync();
        await using var db = await Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var bookmark = await db.Bookmarks.SingleAsync(b => b.Kind == BookmarkKind.Timer);
        var scheduler = await Get<ISchedulerFactory>().GetScheduler();
        return await scheduler.GetTrigger(new TriggerKey(bookmark.Id.ToString(), WorkflowTimerJob.TriggerGroup));
    }

    private async Task<int> CompletedTimerCountAsync()
    {
        await using var db = await Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.History.CountAsync(h => h.ElementId == "plannedEnd" && h.Event == HistoryEvent.Completed);
    }

    [Fact]
    public Task A_timer_due_within_the_horizon_is_in_Quartz_once_its_step_commits_and_fires_once_after_a_restart() => FiresOnceAfterRestart();

    [PostgresFact]
    public async Task On_PostgreSQL_with_a_clustered_Quartz_store_a_timer_fires_once_after_a_restart()
    {
        _postgres = await TestPostgres.CreateDatabaseAsync();
        await FiresOnceAfterRestart();
    }

    private async Task FiresOnceAfterRestart()
    {
        await StartHostAsync();
        await Get<DefinitionStore>().DeployAsync(Callback);
        await Get<WorkflowEngine>().StartAsync("callback");
        var trigger = await TriggerOfOnlyTimerAsync();
        Assert.NotNull(trigger);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero), trigger.StartTimeUtc);
        await StopHostAsync();

        await StartHostAsync();
        var created = _sink.NextTaskCreated();
        _clock.SetUtcNow(new DateTimeOffset(2026, 1, 15, 9, 30, 1, TimeSpan.Zero));
        Assert.Equal("renewal", await created.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(1, await CompletedTimerCountAsync());
        await Get<TimerReconciler>().ReconcileAsync();
        Assert.Equal(1, await CompletedTimerCountAsync());
        await StopHostAsync();
    }

    [Fact]
    public async Task A_far_timer_reaches_Quartz_only_within_the_horizon_and_then_fires_on_its_calendar_day_across_a_restart()
    {
        await StartHostAsync();
        await Get<DefinitionStore>().DeployAsync(Stay);
        await Get<WorkflowEngine>().StartAsync("stay");
        Assert.Null(await TriggerOfOnlyTimerAsync()); // two months away: the database holds it, Quartz does not yet

        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 15, 8, 20, 0, TimeSpan.Zero)); // 40 minutes before it is due
        await Get<TimerReconciler>().ReconcileAsync();
        var trigger = await TriggerOfOnlyTimerAsync();
        Assert.NotNull(trigger);
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.Zero), trigger.StartTimeUtc); // 10:00 in Paris, as admitted
        await StopHostAsync();

        await StartHostAsync();
        var created = _sink.NextTaskCreated();
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 15, 9, 0, 1, TimeSpan.Zero));
        Assert.Equal("renewal", await created.WaitAsync(TimeSpan.FromSeconds(60)));
        await Get<TimerReconciler>().ReconcileAsync();
        Assert.Equal(1, await CompletedTimerCountAsync());
        await StopHostAsync();
    }

    [Fact]
    public async Task The_reconciler_restores_a_timer_that_Quartz_lost_and_an_overdue_one_fires_once_at_start_up()
    {
        await StartHostAsync();
        await Get<DefinitionStore>().DeployAsync(Callback);
        await Get<WorkflowEngine>().StartAsync("callback");
        Assert.NotNull(await TriggerOfOnlyTimerAsync());
        await StopHostAsync();

        foreach (var file in Directory.GetFiles(_directory, "quartz.db*")) File.Delete(file); // the scheduler's store is lost; the database still knows
        _clock.Advance(TimeSpan.FromDays(90));               // and the host was down past the due date

        var created = _sink.NextTaskCreated();
        await StartHostAsync();
        Assert.Equal("renewal", await created.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(1, await CompletedTimerCountAsync());
        await StopHostAsync();
    }

    [Fact]
    public async Task A_timer_whose_step_fails_is_tried_again_by_the_reconciler_a_bounded_number_of_times_then_waits_for_a_retry()
    {
        // The periodic reconciliation would run as the clock moves; here the test runs each one itself.
        await StartHostAsync(o => (o.ReconcilePeriod, o.Horizon) = (TimeSpan.FromDays(1), TimeSpan.FromDays(2)));
        // Quartz tells of a fired trigger's removal after it removed it, and each attempt's trigger has the same key: the test
        // looks again at every removal Quartz tells of, until the timer has no trigger left, rather than counting removals.
        var finalized = new SemaphoreSlim(0);
        (await Get<ISchedulerFactory>().GetScheduler()).ListenerManager.AddSchedulerListener(new TriggerFinalizedListener(finalized));
        await Get<DefinitionStore>().DeployAsync(Broken);
        await Get<WorkflowEngine>().StartAsync("broken");
        var incident = _sink.NextIncident();
        _clock.Advance(TimeSpan.FromMinutes(10));
        await incident.WaitAsync(TimeSpan.FromSeconds(60)); // Quartz fired it at its time: attempt 1
        Assert.Equal(1, await AttemptsAsync());

        for (var attempt = 2; attempt <= 3; attempt++)
        {
            incident = _sink.NextIncident();
            Assert.Equal(1, (await Get<TimerReconciler>().ReconcileAsync()).Restored);
            await incident.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(attempt, await AttemptsAsync());
        }

        Assert.Equal(0, (await Get<TimerReconciler>().ReconcileAsync()).Restored); // three attempts: it now waits for someone
        while (await TriggerOfOnlyTimerAsync() is not null) // Quartz removes a fired trigger after its job returns
            Assert.True(await finalized.WaitAsync(TimeSpan.FromSeconds(60)), "the last attempt's trigger was never removed");
        Assert.Null(await TriggerOfOnlyTimerAsync());
        Assert.Equal(3, await AttemptsAsync());

        await using (var db = await Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
            Assert.Equal(TimerOutcome.Failed, await Get<WorkflowEngine>().RetryIncidentAsync((await db.Incidents.SingleAsync()).Id));
        Assert.Equal(4, await AttemptsAsync());
        await StopHostAsync();
    }

    /// <summary>Releases <paramref name="finalized"/> each time Quartz has removed a trigger that will not fire again.</summary>
    private sealed class TriggerFinalizedListener(SemaphoreSlim finalized) : ISchedulerListener
    {
        public ValueTask TriggerFinalized(IScheduler scheduler, ITrigger trigger, CancellationToken cancellationToken = default)
        {
            finalized.Release();
            return ValueTask.CompletedTask;
        }
    }

    private async Task<int> AttemptsAsync()
    {
        await using var db = await Get<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return (await db.Incidents.AsNoTracking().SingleAsync(i => i.ResolvedAt == null)).Attempts;
    }

    [Fact]
    public void A_horizon_shorter_than_two_reconcile_periods_is_refused()
    {
        var services = new ServiceCollection();
        services.AddQuartzTimers(Storage, runHostedServices: false, o => o.Horizon = TimeSpan.FromSeconds(90)); // the period is a minute
        using var provider = services.BuildServiceProvider();
        var refused = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<QuartzTimerOptions>>().Value);
        Assert.Contains("at least twice the reconcile period", refused.Message);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await StopHostAsync();
        if (_postgres is not null) await _postgres.DropAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private sealed class TaskSink : IWorkflowEventSink
    {
        private TaskCompletionSource<string> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource _incident = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task NextIncident()
        {
            _incident = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _incident.Task;
        }

        public Task<string> NextTaskCreated()
        {
            _next = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _next.Task;
        }

        public Task HandleAsync(WorkflowEvent workflowEvent, CancellationToken ct)
        {
            if (workflowEvent.Type == "wf.task.created") _next.TrySetResult(workflowEvent.Payload["elementId"]!.GetValue<string>());
            if (workflowEvent.Type == "wf.incident.raised") _incident.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
