using System.Text.Json.Nodes;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Runtime;

internal sealed partial class InstanceExecution
{
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
