using MediatR;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Orchestrator.Application.Mail;
using Orchestrator.Hosting.Health;
using Orchestrator.Security;

namespace Orchestrator.Api;

/// <summary>What an operator and an administrator watch: health for the load balancer and the orchestrator of containers, and alert mails.</summary>
public static class OperationsEndpoints
{
    /// <summary>
    /// Maps <c>/health/live</c> and <c>/health/ready</c> (anonymous, status only) and the administrator's <c>/api/admin/mails</c> (alert mails
    /// pending or given up, and their retry).
    /// </summary>
    public static void MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        // Anonymous, and without detail: the status only ("Healthy", "Unhealthy"); reasons go to the log.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessChecks.Ready) })
            .AllowAnonymous().ExcludeFromDescription();

        var mails = app.MapGroup("/api/admin/mails").WithTags("Exploitation").RequireAuthorization(LocalAccounts.AdministratorPolicy);
        mails.MapGet("/", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new AlertMailsQuery(), ct)))
            .WithSummary("Courriels d'alerte en attente et en échec définitif");
        mails.MapPost("/{id:guid}/retry", async (Guid id, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new RetryAlertMailCommand(id), ct);
            return TypedResults.NoContent();
        }).WithSummary("Renvoyer un courriel en échec définitif");
    }
}
