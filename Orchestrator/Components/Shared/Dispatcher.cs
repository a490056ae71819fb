using MediatR;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;

namespace Orchestrator.Components.Shared;

/// <summary>
/// Sends each request of a screen in a scope of its own, as the signed-in member: a circuit lives for
/// hours, and one DbContext shared by all its clicks would go stale and clash with itself.
/// </summary>
public sealed class Dispatcher(IServiceScopeFactory scopes, CurrentStaff circuitStaff)
{
    /// <summary>The signed-in member of the circuit; null when nobody is signed in.</summary>
    public StaffMember? Member => circuitStaff.Member;

    /// <summary>Sends <paramref name="request"/> in a new scope as <see cref="Member"/>; throws what its handler throws.</summary>
    public Task<T> SendAsync<T>(IRequest<T> request) => scopes.SendAsAsync(circuitStaff.Member, request);

    /// <summary>As <see cref="SendAsync{T}(IRequest{T})"/>, for a long request the screen may cancel.</summary>
    public Task<T> SendAsync<T>(IRequest<T> request, CancellationToken ct) => scopes.SendAsAsync(circuitStaff.Member, request, ct);
}
