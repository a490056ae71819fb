using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Security;

/// <summary>
/// Local accounts for the embedded default: PBKDF2 hashes (ASP.NET Core Identity's hasher), an HttpOnly,
/// strict same-site cookie (<c>Secure</c> when <see cref="AddLocalAccounts"/> is told HTTPS only), and the signed-in staff member
/// loaded into <see cref="CurrentStaff"/> per request, once the cookie's security stamp has been checked
/// against the account's: a cookie issued before a sign-out or a deactivation no longer signs anyone in.
/// </summary>
public static class LocalAccounts
{
    /// <summary>The authorization policy that admits administrators only.</summary>
    public const string AdministratorPolicy = "administrator";

    /// <summary>The claim carrying the account's <see cref="StaffMember.SecurityStamp"/> at sign-in.</summary>
    public const string StampClaim = "orchestrator:stamp";
    private static readonly PasswordHasher<StaffMember> Hasher = new();

    /// <summary>Hashes <paramref name="password"/> for <paramref name="member"/> (ASP.NET Core Identity's PBKDF2 format).</summary>
    public static string Hash(StaffMember member, string password) => Hasher.HashPassword(member, password);

    /// <summary>
    /// True when <paramref name="password"/> matches <paramref name="hash"/>. An account without a password
    /// (signing in through OpenID Connect only) never matches, but still costs one verification.
    /// </summary>
    public static bool Verify(StaffMember member, string hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(member, hash.Length > 0 ? hash : DecoyHash.Value, password) != PasswordVerificationResult.Failed;
        return result && hash.Length > 0;
    }

    private static readonly Lazy<string> DecoyHash = new(() => Hasher.HashPassword(new StaffMember { UserName = "decoy", DisplayName = "decoy" }, Guid.NewGuid().ToString()));

    /// <summary>
    /// Registers the session cookie (8 hours, sliding, <c>SameSite=Strict</c>; secure only when <paramref name="httpsOnly"/>), password
    /// sign-in, OpenID Connect when configured, antiforgery and <see cref="AdministratorPolicy"/>. API calls get 401/403 rather than a redirect, as does a page the role may not open (403).
    /// </summary>
    public static IServiceCollection AddLocalAccounts(this IServiceCollection services, IConfiguration configuration, bool httpsOnly)
    {
        services.AddOptions<SignInOptions>().Bind(configuration.GetSection("Security:SignIn"));
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<Demo.DemoAccounts>();
        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme);
        authentication.AddOidcIfConfigured(configuration);
        authentication.AddCookie(o =>
        {
            o.Cookie.Name = "orchestrator.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.LoginPath = "/connexion";
            o.ReturnUrlParameter = "retour";
            o.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = ValidateSessionAsync;
        });
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdministratorPolicy, p => p.RequireRole(nameof(StaffRole.Administrator)));
        services.AddScoped<CurrentStaff>();
        return services;
    }

    /// <summary>
    /// Checked on every request that carries the cookie: the account must still be active and its security
    /// stamp the one the cookie was issued with. Otherwise the cookie is deleted and the request goes on
    /// anonymous (a 401 for the API, the sign-in page for a screen).
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        StaffMember? member = null;
        if (principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(id, out var staffId))
        {
            var db = context.HttpContext.RequestServices.GetRequiredService<OrchestratorDbContext>();
            member = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId && s.Active, context.HttpContext.RequestAborted);
        }
        if (member is null || member.SecurityStamp != principal?.FindFirstValue(StampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        context.HttpContext.RequestServices.GetRequiredService<CurrentStaff>().Member = member;
    }

    /// <summary>
    /// Makes the signed-in member available to the application layer when the cookie check has not already
    /// loaded it, and refuses a deactivated one.
    /// </summary>
    public static IApplicationBuilder UseCurrentStaff(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var current = context.RequestServices.GetRequiredService<CurrentStaff>();
        if (current.Member is null && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(id, out var staffId))
        {
            var db = context.RequestServices.GetRequiredService<OrchestratorDbContext>();
            var member = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId && s.Active, context.RequestAborted);
            if (member is null)
            {
                await context.SignOutAsync();
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            current.Member = member;
        }
        await next();
    });

    /// <summary>The cookie principal of <paramref name="member"/>: id, display name, role and current security stamp.</summary>
    public static ClaimsPrincipal Principal(StaffMember member) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, member.Id.ToString()),
        new Claim(ClaimTypes.Name, member.DisplayName),
        new Claim(ClaimTypes.Role, member.Role.ToString()),
        new Claim(StampClaim, member.SecurityStamp),
    ], CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>
    /// Signs the caller out and ends every session of the signed-in member (all their devices): the
    /// security stamp changes, so a copy of the cookie taken before is refused from its next request on.
    /// </summary>
    public static async Task SignOutEverywhereAsync(HttpContext http)
    {
        if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(id, out var staffId))
        {
            var db = http.RequestServices.GetRequiredService<OrchestratorDbContext>();
            var member = await db.Staff.FirstOrDefaultAsync(s => s.Id == staffId, http.RequestAborted);
            if (member is not null)
            {
                member.RevokeSessions();
                await db.SaveChangesAsync(http.RequestAborted);
            }
        }
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        // A page asked without signing in goes to the sign-in page; one the role may not open answers 403, which the status code
        // pages show as the French « Accès refusé » inside the layout (a redirect would land on a page that does not exist).
        if (!context.Request.Path.StartsWithSegments("/api") && status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
