namespace Orchestrator.Workflows.Runtime;

/// <summary>A timer bookmark handed to a scheduler: its id (the Quartz trigger's name) and its due instant (UTC).</summary>
public readonly record struct ScheduledTimer(Guid BookmarkId, DateTimeOffset DueAt);
