using NodaTime;
using Orchestrator.Workflows.Timing;

namespace Orchestrator.Workflows.Engine;

/// <summary>
/// The engine's settings (section <c>Workflows</c> of the host's configuration): the zone its calendar arithmetic runs in, the limits
/// that stop a runaway definition, the cycle floor, retries, and what the host adds in code (the task roles).
/// </summary>
public sealed class WorkflowOptions
{
    /// <summary>
    /// The IANA zone (tz database id) deadlines are wall-clock dates in: calendar durations (P2M, P1D) are added in
    /// its wall-clock time and a date-time without offset is read in it. An unknown id is refused at start-up.
    /// </summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>
    /// The shortest interval of a timer cycle that could run away: every cycle of a timer start event (each
    /// occurrence starts an instance) and every unbounded cycle. Shorter ones are refused at validation.
    /// </summary>
    public TimeSpan MinimumCycleInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The functions a user task's <c>orc:role</c> may name (the host's: doctor, director…): a definition naming another is refused
    /// at validation, and a role an expression computes outside them fails the step, since no one could complete such a task.
    /// Null accepts any role. Not a setting: the host gives its own (<see cref="UseTaskRoles"/>).
    /// </summary>
    public IReadOnlyCollection<string>? TaskRoles { get; private set; }

    /// <summary>Restricts a user task's <c>orc:role</c> to <paramref name="roles"/> (see <see cref="TaskRoles"/>); returns these options.</summary>
    public WorkflowOptions UseTaskRoles(IReadOnlyCollection<string> roles)
    {
        TaskRoles = roles;
        return this;
    }

    /// <summary>A step that executes more elements than this is a loop without a wait state; it is rolled back.</summary>
    public int MaxElementsPerStep { get; set; } = 10_000;

    /// <summary>How deep call activities may nest (an instance calling one that calls another…); a call beyond it fails the step with code <c>call-depth</c>.</summary>
    public int MaxCallDepth { get; set; } = 8;

    /// <summary>How often a step that lost an optimistic-concurrency race is retried before the caller is told.</summary>
    public int ConcurrencyRetries { get; set; } = 3;

    /// <summary>
    /// A timer whose step fails is tried again by the following reconciliations (every minute by default) until
    /// its incident counts this many attempts; then it waits for someone to retry the incident, instead of
    /// failing again every minute for ever.
    /// </summary>
    public int AutomaticTimerAttempts { get; set; } = 3;

    /// <summary>
    /// How many business keys (episodes) the outbox hands to the sinks side by side. The events of one business key (or, without
    /// one, of one instance) are always handed over one after the other, in the order their steps wrote them; different
    /// episodes' events do not wait for each other. One core's worth by default.
    /// </summary>
    public int OutboxParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Only a dry run (simulate) starts instances on a draft.</summary>
    public bool AllowDraftInstances { get; set; }

    /// <summary>The zone of <see cref="TimeZone"/>.</summary>
    /// <exception cref="InvalidOperationException">The id names no zone of the tz database.</exception>
    internal DateTimeZone Zone => _zone ??= DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone)
        ?? throw new InvalidOperationException($"Workflows:TimeZone '{TimeZone}' is not a time zone of the tz database (e.g. Europe/Paris).");
    private DateTimeZone? _zone;

    /// <summary>Null when the options can run, else why not; checked at start-up.</summary>
    public string? Problem() => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) is null
        ? $"Workflows:TimeZone '{TimeZone}' is not a time zone of the tz database (e.g. Europe/Paris)."
        : MinimumCycleInterval <= TimeSpan.Zero ? "Workflows:MinimumCycleInterval must be positive."
        : OutboxParallelism < 1 ? "Workflows:OutboxParallelism must be at least 1." : null;

    internal TimerRules TimerRules(DateTimeOffset now) => new(Zone, MinimumCycleInterval, now);
}
