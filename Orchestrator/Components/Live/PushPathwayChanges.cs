using MediatR;
using Orchestrator.Application.Pathways;

namespace Orchestrator.Components.Live;

/// <summary>Relays committed changes to the open screens.</summary>
public sealed class PushPathwayChanges(LiveUpdates live) : INotificationHandler<PathwayChanged>, INotificationHandler<Application.Alerts.AlertRaised>
{
    /// <inheritdoc/>
    public Task Handle(PathwayChanged notification, CancellationToken cancellationToken)
    {
        live.Publish();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task Handle(Application.Alerts.AlertRaised notification, CancellationToken cancellationToken)
    {
        live.Publish();
        return Task.CompletedTask;
    }
}
