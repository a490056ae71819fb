using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Application.Security;
using Orchestrator.Security;

namespace Orchestrator.Api;

/// <summary>Sign-in and sign-out for API clients (<c>/api/auth</c>), the signed-in member (<c>/api/me</c>) and their calendar address.</summary>
public static class AuthEndpoints
{
    /// <summary>A sign-in with a local account.</summary>
    /// <param name="UserName">The sign-in name as typed.</param>
    /// <param name="Password">The password, in clear (over HTTPS).</param>
    public sealed record LoginRequest(string UserName, string Password);

    /// <summary>The signed-in member, as the API answers it.</summary>
    /// <param name="Id">The staff member's id.</param>
    /// <param name="DisplayName">The name screens show.</param>
    /// <param name="Role">The <see cref="Domain.Staff.StaffRole"/> name (<c>Coordinator</c>, <c>SocialWorker</c>…).</param>
    /// <param name="StructureId">The member's structure; null for administrators and the regional viewer.</param>
    public sealed record Me(Guid Id, string DisplayName, string Role, Guid? StructureId);

    /// <summary>
    /// Maps <c>POST /api/auth/login</c> (401 problem on any refusal, the same for every cause), <c>POST /api/auth/logout</c> (ends every
    /// session of the member), <c>GET /api/me</c> and <c>POST /api/me/calendar</c> (a new secret calendar address; the old one stops working).
    /// </summary>
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Connexion");
        group.MapPost("/login", LoginAsync);
        group.MapPost("/logout", async (HttpContext http) => { await LocalAccounts.SignOutEverywhereAsync(http); return TypedResults.NoContent(); });
        app.MapGet("/api/me", (CurrentStaff current) =>
        {
            var m = current.Require();
            return TypedResults.Ok(new Me(m.Id, m.DisplayName, m.Role.ToString(), m.StructureId));
        }).RequireAuthorization().WithTags("Connexion");
        app.MapPost("/api/me/calendar", async (MediatR.IMediator mediator, HttpContext http, CancellationToken ct) =>
        {
            var token = await mediator.Send(new Notifications.IssueCalendarTokenCommand(), ct);
            return TypedResults.Ok(new { url = $"{http.Request.Scheme}://{http.Request.Host}/calendrier/{token}.ics" });
        }).RequireAuthorization().WithTags("Connexion");
    }

    private static async Task<Results<Ok<Me>, ProblemHttpResult>> LoginAsync(LoginRequest request, PasswordSignIn signIn, HttpContext http)
    {
        var member = await signIn.SignInAsync(request.UserName, request.Password, http.RequestAborted);
        // One answer for an unknown user, a wrong password and a locked account, so the endpoint cannot be used to list accounts.
        if (member is null)
            return TypedResults.Problem(PasswordSignIn.RefusedMessage, statusCode: 401, title: "Connexion refusée");
        await http.SignInAsync(LocalAccounts.Principal(member));
        return TypedResults.Ok(new Me(member.Id, member.DisplayName, member.Role.ToString(), member.StructureId));
    }
}
