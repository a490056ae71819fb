using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Application.Security;
using Orchestrator.Security;

namespace Orchestrator.Api;

public static class AuthEndpoints
{
    public sealed record LoginRequest(string UserName, string Password);

    public sealed record Me(Guid Id, string DisplayName, string Role, Guid? StructureId);

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
