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

public sealed class CompleteTaskHandler(
    OrchestratorDbContext db,
    IDbContextFactory<WorkflowDbContext> workflowDb,
    WorkflowEngine engine,
    CurrentStaff current,
    AuditTrail audit) : IRequestHandler<CompleteTaskCommand, Unit>
{
    public async Task<Unit> Handle(CompleteTaskCommand request, CancellationToken cancellationToken)
    {
        HumanTaskRecord? task;
        await using (var wf = await workflowDb.CreateDbContextAsync(cancellationToken))
            task = await wf.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.TaskId, cancellationToken);
        if (task is null) throw new NotFoundException("Tâche inconnue.");
        var episode = Guid.TryParse(task.BusinessKey, out var episodeId)
            ? await db.Episodes.FirstOrDefaultAsync(e => e.Id == episodeId, cancellationToken)
            : null;
        if (episode is null) throw new NotFoundException("Tâche inconnue.");
        if (current.Member is { } member)
        {
            var deputy = await db.Structures.Where(s => s.Id == episode.StructureId).Select(s => s.DeputyDirectorId).FirstOrDefaultAsync(cancellationToken);
            DecisionRights.EnsureMayComplete(member, task.Role, episode.StructureId, episode.ReferentId, deputy);
        }
        await engine.CompleteTaskAsync(task.Id, request.Values, current.Id?.ToString(), cancellationToken);
        audit.Record("task.completed", episode.PersonId, $"{task.DefinitionKey}/{task.ElementId}");
        return Unit.Value;
    }
}
