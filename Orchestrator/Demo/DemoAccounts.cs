using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;
using Orchestrator.Security;

namespace Orchestrator.Demo;

/// <summary>
/// The well-known demo accounts the sign-in page offers, one click each, so a newcomer can try every role at once.
/// Offered only while <c>Orchestrator:DemoData</c> is on and these accounts still carry the demo password: a real
/// deployment, or a demo whose passwords were changed, shows nothing.
/// </summary>
public sealed class DemoAccounts(OrchestratorDbContext db, IConfiguration configuration)
{
    /// <summary>The accounts offered, in the order a visit of the product reads best.</summary>
    public static readonly IReadOnlyList<string> WellKnown = ["coordinateur", "referent", "medecin", "directeur", "admin", "ars"];

    // One password-hash verification per distinct hash and process: the page must not cost a PBKDF2 round per visit.
    private static readonly ConcurrentDictionary<string, bool> HasDemoPassword = new();

    /// <summary>The active well-known accounts that still have the demo password, in <see cref="WellKnown"/> order; empty otherwise.</summary>
    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken ct)
    {
        if (!configuration.GetValue("Orchestrator:DemoData", true)) return [];
        var accounts = await db.Staff.AsNoTracking().Where(s => WellKnown.Contains(s.UserName) && s.Active).ToListAsync(ct);
        return accounts.Where(a => HasDemoPassword.GetOrAdd(a.PasswordHash, _ => LocalAccounts.Verify(a, a.PasswordHash, DemoDirectory.DemoPassword)))
            .OrderBy(a => WellKnown.ToList().IndexOf(a.UserName)).ToList();
    }
}
