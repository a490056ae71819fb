using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Security;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Application.Tasks;

/// <summary>
/// The dates each bounded date field of an open task accepts now, keyed by field name (<see cref="DateWindow"/>, instants in the
/// structure's time zone): the renewal form shows when the new period starts, the latest end the law allows and the end it offers.
/// Only for whoever may complete the task.
/// </summary>
/// <exception cref="NotFoundException">No such task.</exception>
/// <exception cref="AccessDeniedException">The caller may not complete it.</exception>
public sealed record GetTaskDateWindowsQuery(Guid TaskId) : IRequest<IReadOnlyDictionary<string, DateWindow>>;

/// <summary>Handles <see cref="GetTaskDateWindowsQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class GetTaskDateWindowsHandler(OrchestratorDbContext db, IDbContextFactory<WorkflowDbContext> workflowDb, WorkflowEngine engine,
    CurrentStaff current) : IRequestHandler<GetTaskDateWindowsQuery, IReadOnlyDictionary<string, DateWindow>>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, DateWindow>> Handle(GetTaskDateWindowsQuery request, CancellationToken cancellationToken)
    {
        var (task, _) = await TaskSubject.LoadForCompletionAsync(db, workflowDb, current, request.TaskId, cancellationToken);
        return await engine.DateWindowsAsync(task.Id, cancellationToken);
    }
}
