namespace Orchestrator.Workflows.Persistence;

/// <summary>What a token waits for: a user task's completion, a timer's due time, or a message (signals and conditions wait as messages under reserved names).</summary>
public enum BookmarkKind
{
    /// <summary>Resumed when the user task is completed.</summary>
    UserTask,
    /// <summary>Resumed when <see cref="BookmarkRecord.DueAt"/> passes.</summary>
    Timer,
    /// <summary>Resumed by a message of that name and correlation key.</summary>
    Message,
}
