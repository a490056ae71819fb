using System.Text.Json.Nodes;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Runtime;

internal sealed partial class InstanceExecution
{
    /// <summary>
    /// The variables the open task <paramref name="taskId"/> sees: the process's, under those of the loop instance it runs in (its
    /// item, its counter, what it collects); the process's alone when it waits nowhere. Its date fields' bounds are read here.
    /// </summary>
    public JsonObject VariablesOfTask(Guid taskId) =>
        Bookmarks.FirstOrDefault(b => b.Id == taskId) is { } bookmark ? VariablesFor(State.Find(bookmark.TokenId)) : Variables;

    public async Task CompleteTaskAsync(HumanTaskRecord task, JsonObject values, CancellationToken ct)
    {
        var bookmark = Bookmarks.FirstOrDefault(b => b.Id == task.Id)
            ?? throw new WorkflowConflictException(WorkflowConflict.TaskNotOpen, $"Task {task.Id} is no longer waiting.");
        task.Status = HumanTaskStatus.Completed;
        task.EndedAt = Now;
        task.CompletedBy = _session.Actor;
        task.Values = values.ToJsonString();
        Outbox(WorkflowEvents.TaskCompleted, TaskPayload(task));
        await ResumeAsync(bookmark, values, ct);
    }
}
