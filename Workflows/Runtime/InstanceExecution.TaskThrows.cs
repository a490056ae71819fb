using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Runtime;

/// <summary>
/// A person ends a user task on a BPMN error or raises an escalation from it instead of completing it (what Camunda's
/// <c>handleBpmnError</c> and <c>handleEscalation</c> do), so that the error and escalation boundary events modelers draw on
/// user tasks have a way to occur. The task's own boundary events catch first, then the enclosing scopes, as for any throw.
/// </summary>
internal sealed partial class InstanceExecution
{
    /// <summary>
    /// The task ends on the error <paramref name="code"/>: its boundary error event with that code (else a catch-all)
    /// interrupts it, else the error goes out through the enclosing scopes; one nothing catches fails the step.
    /// </summary>
    public async Task ThrowTaskErrorAsync(HumanTaskRecord task, string code, CancellationToken ct)
    {
        var (token, element) = TaskThrower(task);
        try
        {
            await ThrowErrorAsync(token, element, code, onThrower: true, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException and not WorkflowConflictException)
        {
            throw StepFailedException.Of(element, e);
        }
        await RunAsync(ct);
    }

    /// <summary>
    /// An escalation <paramref name="code"/> is raised from the task: its boundary escalation event with that code (else a
    /// catch-all) takes it, else the enclosing scopes do. An interrupting catch ends the task; a non-interrupting one runs
    /// beside it and the task stays open. One nothing catches changes nothing (BPMN 2.0 §10.5.3) but is in the history.
    /// </summary>
    public async Task ThrowTaskEscalationAsync(HumanTaskRecord task, string code, CancellationToken ct)
    {
        var (token, element) = TaskThrower(task);
        try
        {
            var host = token.IsLoopInstance ? State.Find(token.ScopeId!.Value)! : token;
            if (BoundaryCatching(element, EventTrigger.Escalation, code) is { } own) TakeCatch(new Catcher(host, null, own));
            else ThrowEscalation(token, element, code, ending: false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not WorkflowConflictException)
        {
            throw StepFailedException.Of(element, e);
        }
        await RunAsync(ct);
    }

    private (Token Token, FlowElement Element) TaskThrower(HumanTaskRecord task)
    {
        EnsureRunning();
        var bookmark = Bookmarks.FirstOrDefault(b => b.Id == task.Id)
            ?? throw new WorkflowConflictException(WorkflowConflict.TaskNotOpen, $"Task {task.Id} is no longer waiting.");
        var token = State.Find(bookmark.TokenId)
            ?? throw new InvalidOperationException($"Bookmark {bookmark.Id} points at token {bookmark.TokenId}, which instance {Record.Id} no longer has.");
        return (token, Model[bookmark.ElementId]);
    }
}
