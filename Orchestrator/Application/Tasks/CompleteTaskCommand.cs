using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Application.Tasks;

/// <summary>Completes a human task with its form values, as a member of the person's team holding the task's role.</summary>
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
        if (current.Member is { } member) EnsureMayComplete(member, task, episode);
        await engine.CompleteTaskAsync(task.Id, request.Values, current.Id?.ToString(), cancellationToken);
        audit.Record("task.completed", episode.PersonId, $"{task.DefinitionKey}/{task.ElementId}");
        return Unit.Value;
    }

    private static void EnsureMayComplete(StaffMember member, HumanTaskRecord task, Domain.Pathways.Episode episode)
    {
        var followsPerson = episode.ReferentId == member.Id;
        var inTeam = member.StructureId == episode.StructureId && member.Role.SeesWholeStructure();
        if (!followsPerson && !inTeam) throw new AccessDeniedException("Cette tâche concerne une personne que vous ne suivez pas.");
        if (!TaskAssignment.MayTake(member, task.Role, followsPerson)) throw new AccessDeniedException("Cette tâche revient à un autre métier.");
    }
}
