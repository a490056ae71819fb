using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Orchestrator.Security;

/// <summary>The sign-in and sign-out form posts of the web app; antiforgery is checked on both.</summary>
public static class SignInEndpoints
{
    /// <summary>
    /// Maps <c>POST /connexion</c> (back to <c>/connexion?erreur=1</c> on any refusal, else to the local return path) and
    /// <c>POST /deconnexion</c> (ends every session of the member).
    /// </summary>
    public static void MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connexion", async ([FromForm] string userName, [FromForm] string password, [FromForm] string? retour,
            PasswordSignIn signIn, HttpContext http) =>
        {
            var member = await signIn.SignInAsync(userName, password, http.RequestAborted);
            var target = LocalReturnPath(retour);
            if (member is null)
                return Results.Redirect($"/connexion?erreur=1&retour={Uri.EscapeDataString(target)}");
            await http.SignInAsync(LocalAccounts.Principal(member));
            return Results.LocalRedirect(target);
        });
        app.MapPost("/deconnexion", async (HttpContext http) =>
        {
            await LocalAccounts.SignOutEverywhereAsync(http);
            return Results.LocalRedirect("/connexion");
        });
    }

    /// <summary>
    /// <paramref name="retour"/> when it is a path of this site, else <c>/</c>. An open redirect would let a
    /// phishing link bounce through the sign-in, so a scheme, a host (<c>//host</c>), a backslash (which
    /// browsers read as a slash), a control character or anything not starting with one slash is ignored.
    /// </summary>
    public static string LocalReturnPath(string? retour)
    {
        if (string.IsNullOrWhiteSpace(retour)) return "/";
        var path = retour.StartsWith('/') ? retour : "/" + retour;
        var unsafeChar = path.Any(c => c == '\\' || char.IsControl(c));
        return !unsafeChar && !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains("://", StringComparison.Ordinal) ? path : "/";
    }
}
