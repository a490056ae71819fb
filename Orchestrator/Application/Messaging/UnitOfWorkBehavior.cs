using MediatR;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Messaging;

/// <summary>
/// Commits a command's changes in one SaveChanges, then publishes what it queued. A handler that throws
/// commits nothing; a notification handler that throws cannot undo the commit, so each one logs its own failures.
/// </summary>
public sealed class UnitOfWorkBehavior<TRequest, TResponse>(OrchestratorDbContext db, PostCommitNotifications notifications, IMediator mediator)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var response = await next();
        if (request is not ICommand<TResponse>) return response;
        await db.SaveChangesAsync(cancellationToken);
        foreach (var notification in notifications.TakeAll())
            await mediator.Publish(notification, cancellationToken);
        return response;
    }
}
