using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Activities;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Handoffs;

/// <summary>The receiving structure accepts or refuses (with a reason) a person proposed to it.</summary>
public sealed record AnswerHandoffCommand(Guid HandoffId, bool Accept, string? RefusalReason) : ICommand<Unit>;

public sealed class AnswerHandoffValidator : AbstractValidator<AnswerHandoffCommand>
{
    public AnswerHandoffValidator() =>
        RuleFor(c => c.RefusalReason).NotEmpty().When(c => !c.Accept).WithMessage("Un refus d'orientation doit être motivé.");
}

/// <summary>Published after the answer is committed: the waiting pathway receives it as a message.</summary>
public sealed record HandoffAnswered(Guid HandoffId, bool Accepted, string? RefusalReason) : INotification;

public sealed class AnswerHandoffHandler(OrchestratorDbContext db, CurrentStaff current, PostCommitNotifications notifications,
    AuditTrail audit, TimeProvider clock) : IRequestHandler<AnswerHandoffCommand, Unit>
{
    public async Task<Unit> Handle(AnswerHandoffCommand request, CancellationToken cancellationToken)
    {
        var staff = current.Require(StaffRole.Coordinator, StaffRole.Director, StaffRole.Doctor, StaffRole.SocialWorker, StaffRole.Nurse);
        var handoff = await db.Handoffs.FirstOrDefaultAsync(h => h.Id == request.HandoffId, cancellationToken)
            ?? throw new NotFoundException("Orientation inconnue.");
        var structure = await db.Structures.FirstOrDefaultAsync(s => s.Id == staff.StructureId, cancellationToken)
            ?? throw new AccessDeniedException("Vous n'êtes rattaché à aucune structure.");
        if (request.Accept) handoff.Accept(structure, staff.Id, clock.GetUtcNow());
        else handoff.Refuse(structure, staff.Id, clock.GetUtcNow(), request.RefusalReason!);
        audit.Record(request.Accept ? "handoff.accepted" : "handoff.refused", handoff.PersonId, structure.Name);
        notifications.Add(new HandoffAnswered(handoff.Id, request.Accept, request.RefusalReason));
        return Unit.Value;
    }
}

public sealed partial class DeliverHandoffAnswer(Workflows.Engine.WorkflowEngine engine, ILogger<DeliverHandoffAnswer> logger)
    : INotificationHandler<HandoffAnswered>
{
    public async Task Handle(HandoffAnswered notification, CancellationToken cancellationToken)
    {
        try
        {
            await engine.PublishMessageAsync(ActivityEvents.HandoffAnswered, notification.HandoffId.ToString(), new Dictionary<string, object?>
            {
                ["handoffAnswer"] = notification.Accepted ? "accepted" : "refused",
                ["handoffRefusalReason"] = notification.RefusalReason,
            }, ct: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeliveryFailed(logger, e, notification.HandoffId);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The answer to handoff {HandoffId} is recorded but could not reach its pathway")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception e, Guid handoffId);
}
