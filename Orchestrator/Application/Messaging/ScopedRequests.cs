using MediatR;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;

namespace Orchestrator.Application.Messaging;

/// <summary>Sending a request outside the current scope.</summary>
public static class ScopedRequests
{
    /// <summary>
    /// Sends a request in a scope of its own (its own DbContext and unit of work) as <paramref name="member"/>,
    /// or as the orchestrator itself when null: screens, workflow events, the demo seeder and tests all go this way.
    /// </summary>
    public static async Task<T> SendAsAsync<T>(this IServiceScopeFactory scopes, StaffMember? member, IRequest<T> request, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentStaff>().Member = member;
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, ct);
    }
}
