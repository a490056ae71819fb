using MediatR;
using Orchestrator.Application.Alerts;

namespace Orchestrator.Notifications;

/// <summary>Queues a new alert's mail; sending happens beside event dispatch, not inside it (see <see cref="AlertMailQueue"/>).</summary>
public sealed class MailAlertToReferent(AlertMailer mailer, AlertMailQueue queue) : INotificationHandler<AlertRaised>
{
    public Task Handle(AlertRaised notification, CancellationToken cancellationToken)
    {
        if (mailer.Enabled) queue.Enqueue(notification.AlertId);
        return Task.CompletedTask;
    }
}
