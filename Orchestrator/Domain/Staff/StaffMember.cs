namespace Orchestrator.Domain.Staff;

/// <summary>A professional with a local account; belongs to one structure (none for administrators and the regional viewer).</summary>
public sealed class StaffMember
{
    /// <summary>The member's id.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>The sign-in name (<see cref="LoginName"/> says how a typed name is matched to it).</summary>
    public required string UserName { get; set; }
    /// <summary>The name screens show.</summary>
    public required string DisplayName { get; set; }
    /// <summary>The member's function, which decision rights read.</summary>
    public StaffRole Role { get; set; }
    /// <summary>The structure the member belongs to; null for administrators and the regional viewer.</summary>
    public Guid? StructureId { get; set; }
    /// <summary>Where the alert mails of the people they follow go, and the address OpenID Connect sign-in matches the account by; null when none.</summary>
    public string? Email { get; set; }
    /// <summary>The password hash (ASP.NET Core Identity format, see <c>LocalAccounts</c>); empty when no password was set.</summary>
    public string PasswordHash { get; set; } = "";
    /// <summary>False once the member has left (<see cref="Deactivate"/>): no sign-in, no new episodes.</summary>
    public bool Active { get; set; } = true;

    /// <summary>The member leaves: no more sign-in, no new episodes; their people are handed to others by the caller.</summary>
    /// <exception cref="DomainException">The member has already left.</exception>
    public void Deactivate()
    {
        if (!Active) throw new DomainException($"{DisplayName} a déjà quitté l'équipe.");
        Active = false;
        RevokeSessions();
    }
    /// <summary>
    /// Changes whenever the member's sessions must end (sign-out, deactivation); every session cookie
    /// carries the stamp it was issued with and is refused once it differs.
    /// </summary>
    public string SecurityStamp { get; private set; } = NewStamp();

    /// <summary>Wrong passwords in a row since the last successful sign-in or the end of the last lockout.</summary>
    public int FailedSignIns { get; private set; }

    /// <summary>Until when (UTC) sign-in is refused after too many wrong passwords; null when not locked.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    /// <summary>True while a lockout started by repeated wrong passwords lasts.</summary>
    public bool IsLockedOut(DateTimeOffset now) => LockedUntil > now;

    /// <summary>Ends every session of the member: cookies issued before now are refused on their next request.</summary>
    public void RevokeSessions() => SecurityStamp = NewStamp();

    private static string NewStamp() => Guid.NewGuid().ToString("N");

    /// <summary>The SHA-256 of the secret in the member's calendar feed address; replaced to revoke old subscriptions.</summary>
    public string? CalendarToken { get; set; }
}
