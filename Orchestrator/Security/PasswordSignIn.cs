using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Security;

/// <summary>
/// Checks a user name and password the same way for the API and the sign-in form. Every attempt costs
/// one password-hash verification and one database update, whether or not the account exists, so the
/// answer's timing does not tell accounts apart; wrong passwords are counted on the account in the
/// database (atomically, so parallel attempts are all counted) and lock it for
/// <see cref="SignInOptions.LockoutDuration"/> after <see cref="SignInOptions.LockoutThreshold"/> in a row.
/// A lockout ends by itself; it is neither counted further nor prolonged while it lasts. Names are matched
/// without regard to case and accents (<see cref="LoginName"/>).
/// </summary>
public sealed class PasswordSignIn(OrchestratorDbContext db, TimeProvider clock, IOptions<SignInOptions> options)
{
    /// <summary>The one message for an unknown account, a wrong password and a locked account, so that none can be told apart.</summary>
    public const string RefusedMessage = "Identifiant ou mot de passe incorrect, ou compte temporairement verrouillé après plusieurs échecs.";

    private static readonly StaffMember Unknown = new() { UserName = "", DisplayName = "" };

    /// <summary>The active member when <paramref name="password"/> is theirs and the account is not locked; null otherwise.</summary>
    public async Task<StaffMember?> SignInAsync(string? userName, string? password, CancellationToken ct)
    {
        userName = (userName ?? "").Trim();
        var canonical = LoginName.Canonical(userName);
        var now = clock.GetUtcNow();
        // The name as typed first (an account created before names were canonical), else its canonical form.
        var member = await db.Staff.AsNoTracking().Where(s => (s.UserName == userName || s.UserName == canonical) && s.Active)
            .OrderBy(s => s.UserName == userName ? 0 : 1).FirstOrDefaultAsync(ct);
        // An unknown account is checked against an empty hash: one verification of a decoy, never a match.
        var matches = LocalAccounts.Verify(member ?? Unknown, member?.PasswordHash ?? "", password ?? "");

        if (matches && !member!.IsLockedOut(now))
        {
            await db.Staff.Where(s => s.Id == member.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.FailedSignIns, 0).SetProperty(s => s.LockedUntil, (DateTimeOffset?)null), ct);
            return member;
        }
        if (matches)
        {
            // The right password during a lockout is refused but not counted; the update that matches no row
            // keeps its answer as slow as a counted failure, so timing does not reveal the password was right.
            await db.Staff.Where(s => s.Id == member!.Id && s.LockedUntil == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.FailedSignIns, s => s.FailedSignIns), ct);
            return null;
        }
        await CountFailureAsync(member?.UserName ?? canonical, now, ct);
        return null;
    }

    /// <summary>
    /// One more wrong password for <paramref name="userName"/>, in a single statement that also runs (and
    /// changes nothing) when no such account exists. During a lockout nothing changes: further guesses
    /// neither count nor prolong it, so nobody can keep a colleague locked out for ever. After an expired
    /// lockout the count starts again.
    /// </summary>
    private Task<int> CountFailureAsync(string userName, DateTimeOffset now, CancellationToken ct)
    {
        var threshold = options.Value.LockoutThreshold;
        DateTimeOffset? lockUntil = now + options.Value.LockoutDuration;
        return db.Staff.Where(s => s.UserName == userName && s.Active).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.LockedUntil, s =>
                s.LockedUntil != null && s.LockedUntil > now ? s.LockedUntil
                : (s.LockedUntil != null ? 1 : s.FailedSignIns + 1) >= threshold ? lockUntil : null)
            .SetProperty(s => s.FailedSignIns, s =>
                s.LockedUntil != null && s.LockedUntil > now ? s.FailedSignIns
                : s.LockedUntil != null ? 1 : s.FailedSignIns + 1), ct);
    }
}
