using FluentValidation;
using FluentValidation.Results;
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
/// The ways out of an open task its definition draws besides completion (<see cref="TaskExit"/>: its boundary errors and
/// escalations), which the task's form offers. Only for whoever may complete the task (<see cref="DecisionRights"/>).
/// </summary>
/// <exception cref="NotFoundException">No such task.</exception>
/// <exception cref="AccessDeniedException">The caller may not complete it.</exception>
public sealed record GetTaskExitsQuery(Guid TaskId) : IRequest<IReadOnlyList<TaskExit>>;

/// <summary>
/// Ends an open task on one of its ways out (<see cref="GetTaskExitsQuery"/>) instead of completing it, by the kind and code its
/// definition gives: an error cancels the task and takes the error's path; an escalation takes its path and leaves the task open unless
/// it interrupts. Same rights as completing the task; audited as <c>task.error</c> or <c>task.escalated</c>.
/// </summary>
/// <exception cref="ValidationException">The code is empty or not one of the task's ways out (field <c>code</c>).</exception>
/// <exception cref="NotFoundException">No such task.</exception>
/// <exception cref="AccessDeniedException">The caller may not complete it.</exception>
/// <exception cref="WorkflowConflictException">The task is no longer open.</exception>
public sealed record TakeTaskExitCommand(Guid TaskId, TaskExitKind Kind, string Code) : ICommand<Unit>;

/// <summary>What <see cref="TakeTaskExitCommand"/> must hold before it runs; a value at fault is refused with a 400 naming its field, and nothing runs.</summary>
public sealed class TakeTaskExitValidator : AbstractValidator<TakeTaskExitCommand>
{
    /// <summary>Declares the rules of <see cref="TakeTaskExitCommand"/>.</summary>
    public TakeTaskExitValidator() =>
        RuleFor(c => c.Code).NotEmpty().OverridePropertyName("code").WithMessage("Indiquez l'issue choisie (son code).");
}

/// <summary>Handles <see cref="GetTaskExitsQuery"/>, <see cref="TakeTaskExitCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class TaskExitHandlers(
    OrchestratorDbContext db,
    IDbContextFactory<WorkflowDbContext> workflowDb,
    WorkflowEngine engine,
    CurrentStaff current,
    AuditTrail audit) : IRequestHandler<GetTaskExitsQuery, IReadOnlyList<TaskExit>>, IRequestHandler<TakeTaskExitCommand, Unit>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<TaskExit>> Handle(GetTaskExitsQuery request, CancellationToken cancellationToken)
    {
        var (task, _) = await TaskSubject.LoadForCompletionAsync(db, workflowDb, current, request.TaskId, cancellationToken);
        return await engine.TaskExitsAsync(task.Id, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<Unit> Handle(TakeTaskExitCommand request, CancellationToken cancellationToken)
    {
        var (task, episode) = await TaskSubject.LoadForCompletionAsync(db, workflowDb, current, request.TaskId, cancellationToken);
        // A colleague closed it first: said as for a completion (409), not as a way out the task lacks.
        if (task.Status != HumanTaskStatus.Open)
            throw new WorkflowConflictException(WorkflowConflict.TaskNotOpen, $"Task {task.Id} is already {task.Status.ToString().ToLowerInvariant()}.");
        var exits = await engine.TaskExitsAsync(task.Id, cancellationToken);
        // Only what the task's form offers: a code thrown blind could be caught far from the task, or by nothing at all.
        if (!exits.Any(e => e.Kind == request.Kind && e.Code == request.Code))
            throw new ValidationException([new ValidationFailure("code", exits.Count == 0
                ? "Cette tâche ne prévoit pas d'autre issue que d'être complétée."
                : $"Cette tâche ne prévoit pas l'issue « {request.Code} ». Issues prévues : {string.Join(", ", exits.Select(e => $"« {e.Label} » ({e.Code})"))}.")]);
        var actor = current.Id?.ToString();
        if (request.Kind == TaskExitKind.Error) await engine.ThrowTaskErrorAsync(task.Id, request.Code, actor, cancellationToken);
        else await engine.ThrowTaskEscalationAsync(task.Id, request.Code, actor, cancellationToken);
        audit.Record(request.Kind == TaskExitKind.Error ? "task.error" : "task.escalated", episode.PersonId, $"{task.DefinitionKey}/{task.ElementId}: {request.Code}");
        return Unit.Value;
    }
}
