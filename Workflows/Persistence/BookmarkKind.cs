namespace Orchestrator.Workflows.Persistence;

/// <summary>What a token waits for: a user task's completion, a timer's due time, or a message (signals and conditions wait as messages under reserved names).</summary>
public enum BookmarkKind
{
    UserTask,
    Timer,
    Message,
}
