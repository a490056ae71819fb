using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Security;

/// <summary>
/// OpenID Connect for production (section <c>Authentication:OpenIdConnect</c>): the identity provider says
/// who the person is; the Orchestrator account with the same e-mail says what they may do. Nobody without
/// an active account gets in, whatever the provider says.
/// </summary>
public static class OidcSignIn
{
    /// <summary>The authentication scheme name of OpenID Connect.</summary>
    public const string Scheme = "oidc";

    /// <summary>Whether <c>Authentication:OpenIdConnect</c> gives both an authority and a client id.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Authentication:OpenIdConnect:Authority"]) &&
        !string.IsNullOrWhiteSpace(configuration["Authentication:OpenIdConnect:ClientId"]);

    /// <summary>Adds the OpenID Connect scheme (code flow with PKCE, callback <c>/connexion/oidc/retour</c>) when configured; does nothing otherwise.</summary>
    public static void AddOidcIfConfigured(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        if (!IsConfigured(configuration)) return;
        var section = configuration.GetSection("Authentication:OpenIdConnect");
        authentication.AddOpenIdConnect(Scheme, section["DisplayName"] ?? "Fournisseur d'identité", o =>
        {
            o.Authority = section["Authority"];
            o.ClientId = section["ClientId"];
            o.ClientSecret = section["ClientSecret"];
            o.ResponseType = "code";
            o.UsePkce = true;
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.CallbackPath = "/connexion/oidc/retour";
            o.Scope.Add("email");
            o.Events.OnTokenValidated = async context =>
            {
                var db = context.HttpContext.RequestServices.GetRequiredService<OrchestratorDbContext>();
                var member = await MatchAsync(db, context.Principal!, context.HttpContext.RequestAborted);
                if (member is null) context.Fail("Aucun compte Orchestrator actif ne correspond à cette identité.");
                else context.Principal = LocalAccounts.Principal(member);
            };
        });
    }

    /// <summary>The active account whose e-mail is the provider's verified e-mail (or preferred user name).</summary>
    public static Task<StaffMember?> MatchAsync(OrchestratorDbContext db, ClaimsPrincipal principal, CancellationToken ct)
    {
        var email = principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue("email") ?? principal.FindFirstValue("preferred_username");
        return string.IsNullOrWhiteSpace(email)
            ? Task.FromResult<StaffMember?>(null)
            : db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Active && s.Email != null && s.Email.ToLower() == email.ToLower(), ct);
    }

    /// <summary>Maps <c>GET /connexion/oidc</c>, which sends the browser to the identity provider.</summary>
    public static void MapOidcSignIn(this IEndpointRouteBuilder app) =>
        app.MapGet("/connexion/oidc", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [Scheme]));
}
