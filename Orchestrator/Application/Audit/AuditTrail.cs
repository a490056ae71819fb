using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Audit;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Audit;

/// <summary>Adds an audit entry to the current unit of work, so a change and its trace commit together.</summary>
public sealed class AuditTrail(OrchestratorDbContext db, CurrentStaff current, TimeProvider clock, IServiceScopeFactory scopes)
{
    /// <summary>
    /// Adds an entry to the current unit of work: <paramref name="action"/> (a dotted code, e.g. <c>alert.resolved</c>) by the current member
    /// (none for the system), now (UTC), about <paramref name="personId"/>, with an optional <paramref name="detail"/>.
    /// </summary>
    public void Record(string action, Guid? personId, string? detail = null) => db.Audit.Add(Entry(action, personId, detail));

    /// <summary>
    /// Writes the trace of a refused access at once, in its own unit of work: the request fails, so its own changes are
    /// rolled back, but the attempt stays for review (action <c>*.denied</c>, the refusal as detail).
    /// </summary>
    public async Task RecordRefusalAsync(string action, Guid? personId, string reason, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var separate = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        separate.Audit.Add(Entry(action, personId, reason));
        await separate.SaveChangesAsync(ct);
    }

    private AuditEntry Entry(string action, Guid? personId, string? detail) => new()
    {
        At = clock.GetUtcNow(),
        ActorId = current.Id,
        Action = action,
        PersonId = personId,
        Detail = detail,
    };
}
