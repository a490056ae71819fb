using MediatR;
using Orchestrator.Application.Alerts;

namespace Orchestrator.Application.Notifications;

/// <summary>
/// Writes every notification to the structured log, with identifiers only: operators can follow what was
/// sent without the log ever holding a name or a medical fact.
/// </summary>
public sealed partial class NotificationJournal(ILogger<NotificationJournal> logger)
    : INotificationHandler<AlertRaised>, INotificationHandler<ReferentNotificationRequested>
{
    /// <inheritdoc/>
    public Task Handle(AlertRaised notification, CancellationToken cancellationToken)
    {
        LogAlert(logger, notification.AlertId);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task Handle(ReferentNotificationRequested notification, CancellationToken cancellationToken)
    {
        LogReferent(logger, notification.EpisodeId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} raised")]
    private static partial void LogAlert(ILogger logger, Guid alertId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Referent notification requested for episode {EpisodeId}")]
    private static partial void LogReferent(ILogger logger, Guid episodeId);
}
