namespace Orchestrator.Workflows.Engine;

public sealed class WorkflowOptions
{
    /// <summary>Calendar durations (P2M, P1D) are added in this zone's wall-clock time.</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>A step that executes more elements than this is a loop without a wait state; it is rolled back.</summary>
    public int MaxElementsPerStep { get; set; } = 10_000;

    public int MaxCallDepth { get; set; } = 8;

    /// <summary>How often a step that lost an optimistic-concurrency race is retried before the caller is told.</summary>
    public int ConcurrencyRetries { get; set; } = 3;

    /// <summary>
    /// A timer whose step fails is tried again by the following reconciliations (every few minutes) until
    /// its incident counts this many attempts; then it waits for someone to retry the incident, instead of
    /// failing again every few minutes for ever.
    /// </summary>
    public int AutomaticTimerAttempts { get; set; } = 3;

    /// <summary>Only a dry run (simulate) starts instances on a draft.</summary>
    public bool AllowDraftInstances { get; set; }

    internal TimeZoneInfo Zone => _zone ??= TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    private TimeZoneInfo? _zone;
}
