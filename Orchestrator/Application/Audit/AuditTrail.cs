using Orchestrator.Application.Security;
using Orchestrator.Domain.Audit;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Audit;

/// <summary>Adds an audit entry to the current unit of work, so a change and its trace commit together.</summary>
public sealed class AuditTrail(OrchestratorDbContext db, CurrentStaff current, TimeProvider clock)
{
    public void Record(string action, Guid? personId, string? detail = null) => db.Audit.Add(new AuditEntry
    {
        At = clock.GetUtcNow(),
        ActorId = current.Id,
        Action = action,
        PersonId = personId,
        Detail = detail,
    });
}
