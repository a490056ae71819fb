using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Hosting;

namespace Orchestrator.Tests.Hosting;

/// <summary>A background loop runs its next pass at the instant its work falls due, not only at its next poll.</summary>
public sealed class WakeSignalTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_pass_that_says_when_its_next_work_falls_due_is_run_again_then_rather_than_after_the_whole_period()
    {
        var passes = new List<DateTimeOffset>();
        var ran = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        var loop = new WakeSignal(_clock).RunAsync(_ =>
        {
            passes.Add(_clock.GetUtcNow());
            ran.Release();
            return Task.FromResult<DateTimeOffset?>(_clock.GetUtcNow().AddSeconds(20)); // a claim lapsing in 20 s
        }, TimeSpan.FromSeconds(30), NullLogger.Instance, "test", stop.Token);
        await ran.WaitAsync(TimeSpan.FromSeconds(30));

        _clock.Advance(TimeSpan.FromSeconds(19));
        Assert.False(await ran.WaitAsync(TimeSpan.FromMilliseconds(50)), "not before the work is due");
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await ran.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(20), passes[1] - passes[0]);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop); // stopped as a background service is
    }

    [Fact]
    public async Task Work_due_already_is_looked_at_again_after_a_second_not_in_a_spinning_loop()
    {
        var ran = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        var loop = new WakeSignal(_clock).RunAsync(_ =>
        {
            ran.Release();
            return Task.FromResult<DateTimeOffset?>(_clock.GetUtcNow().AddMinutes(-5)); // another node holds it and it looks overdue
        }, TimeSpan.FromSeconds(30), NullLogger.Instance, "test", stop.Token);
        await ran.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(await ran.WaitAsync(TimeSpan.FromMilliseconds(50)));
        _clock.Advance(WakeSignal.ShortestWait);
        Assert.True(await ran.WaitAsync(TimeSpan.FromSeconds(30)));

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop); // stopped as a background service is
    }
}
