using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Mail;

/// <summary>An administrator sends again, now, an alert mail every attempt of which failed (see <see cref="Domain.Alerts.AlertMail.Retry"/>).</summary>
public sealed record RetryAlertMailCommand(Guid MailId) : ICommand<Unit>;

/// <summary>Handles <see cref="RetryAlertMailCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class RetryAlertMailHandler(OrchestratorDbContext db, CurrentStaff current, AuditTrail audit, TimeProvider clock, Orchestrator.Notifications.AlertMailOutbox outbox)
    : IRequestHandler<RetryAlertMailCommand, Unit>
{
    /// <inheritdoc/>
    public async Task<Unit> Handle(RetryAlertMailCommand request, CancellationToken cancellationToken)
    {
        current.Require(StaffRole.Administrator);
        var mail = await db.AlertMails.FirstOrDefaultAsync(m => m.Id == request.MailId, cancellationToken) ?? throw new NotFoundException("Courriel inconnu.");
        mail.Retry(clock.GetUtcNow());
        audit.Record("mail.retried", null, mail.AlertId.ToString());
        outbox.Signal();
        return Unit.Value;
    }
}
