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
/// an active account gets in, whatever the provider says, and only an e-mail the provider says it verified
/// (<c>email_verified</c>, OpenID Connect Core 1.0 § 5.1) is matched: many providers let a person type any
/// address into their profile, which would otherwise sign them in as the professional who owns it.
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
                var verifiedByConfiguration = section.GetValue<bool>("EmailsAreVerified");
                if (VerifiedEmail(context.Principal!, verifiedByConfiguration) is null)
                {
                    context.Fail("Le fournisseur d'identité n'atteste pas que cette adresse électronique a été vérifiée.");
                    return;
                }
                var member = await MatchAsync(db, context.Principal!, context.HttpContext.RequestAborted, verifiedByConfiguration);
                if (member is null) context.Fail("Aucun compte Orchestrator actif ne correspond à cette identité.");
                else context.Principal = LocalAccounts.Principal(member);
            };
        });
    }

    /// <summary>
    /// The active account whose e-mail (compared without case) is the provider's verified e-mail; null when there is none, when
    /// the identity carries no e-mail, or when the provider does not say it verified it. A user name (<c>preferred_username</c>)
    /// is never matched: the person often chooses it.
    /// </summary>
    /// <param name="db">The domain's context.</param>
    /// <param name="principal">The identity the provider's token gave.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <param name="emailsAreVerified">
    /// <c>Authentication:OpenIdConnect:EmailsAreVerified</c>: the administrator states that the provider only issues addresses it
    /// controls (an organisation's directory that sends no <c>email_verified</c> claim); false by default.
    /// </param>
    public static Task<StaffMember?> MatchAsync(OrchestratorDbContext db, ClaimsPrincipal principal, CancellationToken ct, bool emailsAreVerified = false)
    {
        var email = VerifiedEmail(principal, emailsAreVerified)?.ToLowerInvariant();
        return email is null
            ? Task.FromResult<StaffMember?>(null)
            : db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Active && s.Email != null && s.Email.ToLower() == email, ct);
    }

    /// <summary>
    /// The identity's e-mail when the provider attests it (<c>email_verified</c> true, as a JSON boolean or the text « true ») or
    /// <paramref name="emailsAreVerified"/> says its addresses are; null otherwise, or when there is no e-mail.
    /// </summary>
    private static string? VerifiedEmail(ClaimsPrincipal principal, bool emailsAreVerified)
    {
        var email = principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue("email");
        if (string.IsNullOrWhiteSpace(email)) return null;
        var verified = emailsAreVerified || string.Equals(principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);
        return verified ? email.Trim() : null;
    }

    /// <summary>Maps <c>GET /connexion/oidc</c>, which sends the browser to the identity provider.</summary>
    public static void MapOidcSignIn(this IEndpointRouteBuilder app) =>
        app.MapGet("/connexion/oidc", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [Scheme]));
}
