using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Security;

/// <summary>
/// A screen's live connection (a Blazor circuit) was authenticated once, by the cookie that opened it; this
/// checks again every minute that the account is still active and its security stamp unchanged, so a
/// sign-out or a departure elsewhere also ends the screens already open (they go to the sign-in page).
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    /// <summary>One minute.</summary>
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    /// <summary>See <see cref="IsStillValidAsync"/>.</summary>
    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState.User, cancellationToken);

    /// <summary>True while the principal's account is active and carries the stamp the principal was issued with.</summary>
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return false;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var stamp = await db.Staff.AsNoTracking().Where(s => s.Id == id && s.Active).Select(s => s.SecurityStamp).FirstOrDefaultAsync(cancellationToken);
        return stamp is not null && stamp == user.FindFirstValue(LocalAccounts.StampClaim);
    }
}
