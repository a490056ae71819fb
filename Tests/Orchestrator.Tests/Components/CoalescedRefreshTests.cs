using Orchestrator.Components.Live;

namespace Orchestrator.Tests.Components;

public sealed class CoalescedRefreshTests
{
    [Fact]
    public async Task A_burst_of_changes_during_a_reload_brings_one_more_reload_not_one_per_change()
    {
        var reloads = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refresh = new CoalescedRefresh(async () =>
        {
            var n = Interlocked.Increment(ref reloads);
            if (n == 1) await gate.Task;
            else if (n == 2) second.TrySetResult();
            else third.TrySetResult();
        }, e => throw e);

        refresh.Request();
        for (var i = 0; i < 50; i++) refresh.Request();
        gate.SetResult();
        await second.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, Volatile.Read(ref reloads));
        refresh.Request(); // a later change reloads again
        await third.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, Volatile.Read(ref reloads));
    }

    [Fact]
    public void A_reload_that_fails_is_reported_and_the_next_change_reloads_again()
    {
        var attempts = 0;
        var reported = new List<Exception>();
        var refresh = new CoalescedRefresh(() => ++attempts == 1 ? throw new InvalidOperationException("base indisponible") : Task.CompletedTask, reported.Add);

        refresh.Request();
        refresh.Request();

        Assert.Equal(2, attempts);
        Assert.Equal("base indisponible", Assert.Single(reported).Message);
    }

    [Fact]
    public void Publishing_with_no_screen_open_does_nothing_and_a_closed_screen_hears_nothing()
    {
        var live = new LiveUpdates();
        live.Publish();
        var heard = 0;
        Action screen = () => heard++;
        live.Changed += screen;
        live.Publish();
        live.Changed -= screen;
        live.Publish();
        Assert.Equal(1, heard);
    }
}
