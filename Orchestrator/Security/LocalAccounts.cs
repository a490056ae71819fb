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
/// Local accounts for the embedded default: PBKDF2 hashes (ASP.NET Core Identity's hasher), a strict
/// same-site cookie, and the signed-in staff member loaded into <see cref="CurrentStaff"/> per request.
/// </summary>
public static class LocalAccounts
{
    public const string AdministratorPolicy = "administrator";
    private static readonly PasswordHasher<StaffMember> Hasher = new();

    public static string Hash(StaffMember member, string password) => Hasher.HashPassword(member, password);

    public static bool Verify(StaffMember member, string password) =>
        member.PasswordHash.Length > 0 && Hasher.VerifyHashedPassword(member, member.PasswordHash, password) != PasswordVerificationResult.Failed;

    public static IServiceCollection AddLocalAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme);
        authentication.AddOidcIfConfigured(configuration);
        authentication.AddCookie(o =>
        {
            o.Cookie.Name = "orchestrator.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.LoginPath = "/connexion";
            o.ReturnUrlParameter = "retour";
            o.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdministratorPolicy, p => p.RequireRole(nameof(StaffRole.Administrator)));
        services.AddScoped<CurrentStaff>();
        return services;
    }

    /// <summary>Loads the signed-in member (and refuses a deactivated one) for the application layer.</summary>
    public static IApplicationBuilder UseCurrentStaff(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(id, out var staffId))
        {
            var db = context.RequestServices.GetRequiredService<OrchestratorDbContext>();
            var member = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId && s.Active, context.RequestAborted);
            if (member is null)
            {
                await context.SignOutAsync();
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            context.RequestServices.GetRequiredService<CurrentStaff>().Member = member;
        }
        await next();
    });

    public static ClaimsPrincipal Principal(StaffMember member) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, member.Id.ToString()),
        new Claim(ClaimTypes.Name, member.DisplayName),
        new Claim(ClaimTypes.Role, member.Role.ToString()),
    ], CookieAuthenticationDefaults.AuthenticationScheme));

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (!context.Request.Path.StartsWithSegments("/api")) { context.Response.Redirect(context.RedirectUri); return Task.CompletedTask; }
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
