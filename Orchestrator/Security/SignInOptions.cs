namespace Orchestrator.Security;

/// <summary>
/// Limits on password sign-in (section <c>Security:SignIn</c>). Both limits are fixed windows counted per
/// application instance; the lockout is stored on the account, so it holds across instances and restarts.
/// </summary>
public sealed class SignInOptions
{
    /// <summary>Sign-in attempts one client address may make per <see cref="Window"/>, whatever the accounts tried.</summary>
    public int PerAddressLimit { get; set; } = 20;

    /// <summary>Sign-in attempts one user name may receive per <see cref="Window"/>, from whatever addresses.</summary>
    public int PerAccountLimit { get; set; } = 10;

    /// <summary>The window of both rate limits.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Wrong passwords in a row that lock the account.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>How long a locked account refuses every password, the right one included.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
