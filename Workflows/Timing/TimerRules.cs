using NodaTime;

namespace Orchestrator.Workflows.Timing;

/// <summary>
/// What timer values are checked against when a definition is validated: the zone its wall-clock dates are
/// read in, the shortest cycle interval allowed where a cycle could run away (a timer start event, an
/// unbounded cycle), and the time a first due date is computed from to prove it can be represented.
/// </summary>
public sealed record TimerRules(DateTimeZone Zone, TimeSpan MinimumCycleInterval, DateTimeOffset Now)
{
    /// <summary>
    /// Reading a version that was validated when it was saved: only what the runtime needs is checked, not the rules
    /// that depend on when (a start cycle now wholly past) or on settings changed since (the cycle floor).
    /// </summary>
    public bool Stored { get; init; }

    /// <summary>Europe/Paris, one minute, the current time: what a definition checked outside an engine is held to.</summary>
    public static TimerRules Default => new(DateTimeZoneProviders.Tzdb["Europe/Paris"], TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow);
}
