using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Episodes;
using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Handoffs;

/// <summary>
/// When a structure that runs its own pathway accepts a person, their next episode opens there at once, so
/// the pathway continues without anyone re-entering the referral.
/// </summary>
public sealed partial class OpenReceivingEpisode(IServiceScopeFactory scopes, ILogger<OpenReceivingEpisode> logger) : INotificationHandler<HandoffAnswered>
{
    public async Task Handle(HandoffAnswered notification, CancellationToken cancellationToken)
    {
        if (!notification.Accepted) return;
        // A scope of its own: the receiving episode is opened by the orchestrator, not by whoever answered.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var handoff = await db.Handoffs.AsNoTracking().FirstAsync(h => h.Id == notification.HandoffId, cancellationToken);
        if (handoff.State != HandoffState.Accepted || handoff.TargetStructureId is not { } target) return;
        var receiver = await db.Structures.AsNoTracking().FirstAsync(s => s.Id == target, cancellationToken);
        if (!receiver.Type.RunsPathways()) return;
        var from = await db.Structures.AsNoTracking().Where(s => s.Id == handoff.FromStructureId).Select(s => s.Name).FirstAsync(cancellationToken);
        try
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new RequestAdmissionCommand(receiver.Id, handoff.PersonId, null, $"Orientation acceptée depuis {from}"), cancellationToken);
        }
        catch (Domain.DomainException e)
        {
            LogNotOpened(logger, e, handoff.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handoff {HandoffId} accepted but the receiving episode was not opened")]
    private static partial void LogNotOpened(ILogger logger, Exception e, Guid handoffId);
}
