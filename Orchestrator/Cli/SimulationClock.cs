namespace Orchestrator.Cli;

/// <summary>The dry run's clock: it stands still until the simulation jumps it to the next due timer.</summary>
internal sealed class SimulationClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void JumpTo(DateTimeOffset when)
    {
        if (when > _now) _now = when;
    }
}
