using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Security;

/// <summary>The sign-in and sign-out form posts of the web app; antiforgery is checked on both.</summary>
public static class SignInEndpoints
{
    public static void MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connexion", async ([FromForm] string userName, [FromForm] string password, [FromForm] string? retour,
            OrchestratorDbContext db, HttpContext http) =>
        {
            var member = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.UserName == userName && s.Active);
            if (member is null || !LocalAccounts.Verify(member, password))
                return Results.Redirect($"/connexion?erreur=1&retour={Uri.EscapeDataString(retour ?? "")}");
            await http.SignInAsync(LocalAccounts.Principal(member));
            // Only a path of this site: an open redirect would let a phishing link bounce through the sign-in.
            var target = retour is { Length: > 0 } && !retour.StartsWith("//", StringComparison.Ordinal) && !retour.Contains("://", StringComparison.Ordinal)
                ? "/" + retour.TrimStart('/') : "/";
            return Results.LocalRedirect(target);
        });
        app.MapPost("/deconnexion", async (HttpContext http) =>
        {
            await http.SignOutAsync();
            return Results.LocalRedirect("/connexion");
        });
    }
}
