namespace Orchestrator.Workflows.Runtime;

public readonly record struct ScheduledTimer(Guid BookmarkId, DateTimeOffset DueAt);
