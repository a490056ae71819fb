using MediatR;

namespace Orchestrator.Application.Messaging;

/// <summary>A request that changes state: it is validated, committed in one SaveChanges, then its notifications are published.</summary>
public interface ICommand<out TResult> : IRequest<TResult>;
