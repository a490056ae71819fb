namespace Orchestrator.Workflows.Persistence;

public enum BookmarkKind
{
    UserTask,
    Timer,
    Message,
}
