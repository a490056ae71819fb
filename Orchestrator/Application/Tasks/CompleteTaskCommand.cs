using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Application.Tasks;

/// <summary>
/// Completes a human task with its form values, as a member of the person's team holding the task's function
/// (<see cref="DecisionRights"/>); anyone else gets <see cref="AccessDeniedException"/> (403) naming the function.
/// </summary>
public sealed record CompleteTaskCommand(Guid TaskId, IReadOnlyDictionary<string, object?> Values) : ICommand<Unit>;

/// <summary>Handles <see cref="CompleteTaskCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class CompleteTaskHandler(
    OrchestratorDbContext db,
    IDbContextFactory<WorkflowDbContext> workflowDb,
    WorkflowEngine engine,
    CurrentStaff current,
    AuditTrail audit) : IRequestHandler<CompleteTaskCommand, Unit>
{
    /// <inheritdoc/>
    public async Task<Unit> Handle(CompleteTaskCommand request, CancellationToken cancellationToken)
    {
        var (task, episode) = await TaskSubject.LoadForCompletionAsync(db, workflowDb, current, request.TaskId, cancellationToken);
        await engine.CompleteTaskAsync(task.Id, request.Values, current.Id?.ToString(), cancellationToken);
        audit.Record("task.completed", episode.PersonId, $"{task.DefinitionKey}/{task.ElementId}");
        return Unit.Value;
    }
}

/// <summary>The task a request names, with its episode, once the caller is known to hold the right to complete it.</summary>
internal static class TaskSubject
{
    /// <summary>
    /// Loads the task and what the decision rights need of its episode, and checks the caller may complete it
    /// (<see cref="DecisionRights.EnsureMayComplete"/>). Two reads, both compiled: every task answer takes this path.
    /// </summary>
    /// <exception cref="NotFoundException">No such task, or it belongs to no episode.</exception>
    /// <exception cref="AccessDeniedException">The caller does not hold the task's function in the person's team.</exception>
    public static async Task<(HumanTaskRecord Task, TaskEpisode Episode)> LoadForCompletionAsync(OrchestratorDbContext db,
        IDbContextFactory<WorkflowDbContext> workflowDb, CurrentStaff current, Guid taskId, CancellationToken ct)
    {
        HumanTaskRecord? task;
        await using (var wf = await workflowDb.CreateDbContextAsync(ct))
            task = await EngineHotPathQueries.For(wf).Task(wf, taskId, ct);
        if (task is null) throw new NotFoundException("Tâche inconnue.");
        var episode = Guid.TryParse(task.BusinessKey, out var episodeId)
            ? await HotPathQueries.For(db).TaskEpisode(db, episodeId, ct)
            : null;
        if (episode is null) throw new NotFoundException("Tâche inconnue.");
        if (current.Member is { } member)
            DecisionRights.EnsureMayComplete(member, task.Role, episode.StructureId, episode.ReferentId, episode.DeputyDirectorId);
        return (task, episode);
    }
}
