using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Activities;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Outbox;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Handoffs;

/// <summary>
/// The receiving structure accepts or refuses (with a reason) a person proposed to it. A proposal to every structure of a
/// kind is refused only when the last of them refuses; until then a refusal takes it off that structure's list.
/// </summary>
public sealed record AnswerHandoffCommand(Guid HandoffId, bool Accept, string? RefusalReason) : ICommand<Unit>;

/// <summary>What <see cref="AnswerHandoffCommand"/> must hold before it runs; a value at fault is refused with a 400 naming its field, and nothing runs.</summary>
public sealed class AnswerHandoffValidator : AbstractValidator<AnswerHandoffCommand>
{
    /// <summary>Declares the rules of <see cref="AnswerHandoffCommand"/>.</summary>
    public AnswerHandoffValidator() =>
        RuleFor(c => c.RefusalReason).NotEmpty().When(c => !c.Accept).OverridePropertyName("refusalReason").WithMessage("Un refus d'orientation doit être motivé.");
}

/// <summary>Published after the answer is committed: the waiting pathway receives it as a message.</summary>
public sealed record HandoffAnswered(Guid HandoffId, bool Accepted, string? RefusalReason) : INotification;

/// <summary>A proposal no structure of the directory can answer became an external orientation; its pathway is told after the commit.</summary>
public sealed record ExternalOrientationRecorded(Guid HandoffId) : INotification;

/// <summary>
/// Records the answer and, in the same transaction, what it owes (the message to the sending pathway, the receiving episode)
/// in the domain outbox, so a crash can never leave the person half handed over. Answering again what was already answered
/// the same way by the same structure returns the same result (and completes whatever was left), instead of a dead end.
/// </summary>
public sealed class AnswerHandoffHandler(OrchestratorDbContext db, CurrentStaff current, PostCommitNotifications notifications,
    AuditTrail audit, TimeProvider clock) : IRequestHandler<AnswerHandoffCommand, Unit>
{
    /// <inheritdoc/>
    public async Task<Unit> Handle(AnswerHandoffCommand request, CancellationToken cancellationToken)
    {
        var staff = current.Require(StaffRole.Coordinator, StaffRole.Director, StaffRole.Doctor, StaffRole.Psychiatrist, StaffRole.SocialWorker, StaffRole.Nurse);
        var handoff = await db.Handoffs.FirstOrDefaultAsync(h => h.Id == request.HandoffId, cancellationToken)
            ?? throw new NotFoundException("Orientation inconnue.");
        var structure = await db.Structures.FirstOrDefaultAsync(s => s.Id == staff.StructureId, cancellationToken)
            ?? throw new AccessDeniedException("Vous n'êtes rattaché à aucune structure.");
        if (handoff.AlreadyAnsweredAs(structure, request.Accept))
        {
            notifications.Add(new HandoffAnswered(handoff.Id, request.Accept, handoff.RefusalReason));
            return Unit.Value;
        }
        var now = clock.GetUtcNow();
        // A proposal to every structure of a kind stays open while another of them may still take the person: this
        // structure's refusal only takes it off its own list. The last candidate's refusal refuses the proposal.
        if (!request.Accept && handoff.TargetStructureId is null && handoff.State == Domain.Handoffs.HandoffState.Proposed && handoff.CanBeAnsweredBy(structure))
        {
            var refusedBy = await db.HandoffRefusals.Where(r => r.HandoffId == handoff.Id).Select(r => r.StructureId).ToListAsync(cancellationToken);
            if (refusedBy.Contains(structure.Id)) return Unit.Value; // the same refusal again changes nothing
            var othersMayAnswer = await db.Structures.AnyAsync(s => s.Type == handoff.TargetDevice && s.Id != structure.Id && !refusedBy.Contains(s.Id), cancellationToken);
            if (othersMayAnswer)
            {
                db.HandoffRefusals.Add(new Domain.Handoffs.HandoffRefusal
                {
                    HandoffId = handoff.Id, StructureId = structure.Id, StaffId = staff.Id, Reason = request.RefusalReason!.Trim(), At = now,
                });
                // The proposal's version moves too, so an acceptance read at the same instant cannot also commit.
                db.Entry(handoff).Property(h => h.Version).IsModified = true;
                audit.Record("handoff.refused-by-one", handoff.PersonId, structure.Name);
                return Unit.Value;
            }
        }
        if (request.Accept && await db.HandoffRefusals.AnyAsync(r => r.HandoffId == handoff.Id && r.StructureId == structure.Id, cancellationToken))
            throw new Domain.DomainException("Votre structure a déjà refusé cette orientation : elle reste proposée aux autres structures.");
        if (request.Accept) handoff.Accept(structure, staff.Id, now);
        else handoff.Refuse(structure, staff.Id, now, request.RefusalReason!);
        db.DomainOutbox.Add(DomainOutboxEntry.Owe(DomainOutboxKinds.DeliverHandoffAnswer, handoff.Id, now));
        if (request.Accept) db.DomainOutbox.Add(DomainOutboxEntry.Owe(DomainOutboxKinds.OpenReceivingEpisode, handoff.Id, now));
        audit.Record(request.Accept ? "handoff.accepted" : "handoff.refused", handoff.PersonId, structure.Name);
        notifications.Add(new HandoffAnswered(handoff.Id, request.Accept, request.RefusalReason));
        return Unit.Value;
    }
}

/// <summary>Does the answer's outbox work now, after the commit; what fails here is retried by the outbox service.</summary>
public sealed partial class CompleteHandoffAnswer(Outbox.DomainOutboxDispatcher dispatcher, ILogger<CompleteHandoffAnswer> logger)
    : INotificationHandler<HandoffAnswered>, INotificationHandler<ExternalOrientationRecorded>
{
    /// <inheritdoc/>
    public Task Handle(ExternalOrientationRecorded notification, CancellationToken cancellationToken) =>
        CompleteAsync(notification.HandoffId, cancellationToken);

    /// <inheritdoc/>
    public Task Handle(HandoffAnswered notification, CancellationToken cancellationToken) => CompleteAsync(notification.HandoffId, cancellationToken);

    private async Task CompleteAsync(Guid handoffId, CancellationToken cancellationToken)
    {
        try
        {
            await dispatcher.ProcessDueAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException and not Outbox.SimulatedCrashException)
        {
            LogDeferred(logger, e, handoffId);
            dispatcher.Signal();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer to handoff {HandoffId} is recorded; completing it failed and is left to the outbox")]
    private static partial void LogDeferred(ILogger logger, Exception e, Guid handoffId);
}
