using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orchestrator.Application.Security;
using Orchestrator.Domain;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Api;

/// <summary>
/// Turns the application's exceptions into problem details with their real 4xx status (which the request
/// log then records, without a stack trace); anything else stays a 500 without a stack trace for the client.
/// </summary>
public sealed class ProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationException v => new HttpValidationProblemDetails(v.Errors.GroupBy(e => e.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray())) { Title = "Données invalides", Status = 400 },
            TaskInputException t => new HttpValidationProblemDetails(t.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }))
                { Title = "Formulaire de tâche invalide", Status = 400 },
            AccessDeniedException a when httpContext.User.Identity?.IsAuthenticated != true => new ProblemDetails { Title = "Authentification requise", Detail = a.Message, Status = 401 },
            AccessDeniedException a => new ProblemDetails { Title = "Accès refusé", Detail = a.Message, Status = 403 },
            WorkflowNotFoundException w => new ProblemDetails { Title = "Introuvable", Detail = Application.Messaging.NotFoundWording.French(w), Status = 404 },
            NotFoundException => new ProblemDetails { Title = "Introuvable", Detail = exception.Message, Status = 404 },
            WorkflowConflictException c => new ProblemDetails { Title = "Action impossible dans l'état actuel", Detail = Application.Messaging.ConflictWording.French(c), Status = 409 },
            DomainException or Application.Messaging.ConcurrentChangeException => new ProblemDetails { Title = "Action impossible dans l'état actuel", Detail = exception.Message, Status = 409 },
            // A race lost outside a unit of work's save (a query aborted by PostgreSQL's deadlock detection): the same 409.
            _ when Application.Messaging.ConcurrentChangeException.IsLostRace(exception) => new ProblemDetails
                { Title = "Action impossible dans l'état actuel", Detail = Application.Messaging.ConcurrentChangeException.French, Status = 409 },
            StepFailedException f => new ProblemDetails { Title = "Erreur du parcours", Detail = Application.Messaging.StepFailureWording.French(f), Status = 422 },
            WorkflowException w => new ProblemDetails { Title = "Erreur du parcours", Detail = w.Message, Status = 422 },
            // Raised by the server while reading the request: a body over the size limit, a malformed body or parameter.
            BadHttpRequestException { StatusCode: 413 } => Hosting.RequestBodyLimit.TooLarge(RequestBodyLimitOf(httpContext)),
            BadHttpRequestException b when ParameterBinding.Refused(b) is { } refused => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [refused.Parameter] = [refused.Reason] }) { Title = "Données invalides", Status = 400 },
            // A field of the body the JSON reader could not take (a text where a number is expected): named as the field, like a rule's refusal.
            BadHttpRequestException { InnerException: System.Text.Json.JsonException { Path: ['$', '.', .. var field] } } b when b.StatusCode == 400 => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [field] = ["Valeur illisible pour ce champ : vérifiez son type (texte, nombre, date, vrai/faux) et son format."] })
                { Title = "Données invalides", Detail = FrenchDetail(b), Status = 400 },
            BadHttpRequestException b => new ProblemDetails { Title = "Requête invalide", Detail = FrenchDetail(b), Status = b.StatusCode },
            _ => null,
        };
        if (problem is null) return false;
        if (httpContext.Response.HasStarted) return false;
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static long RequestBodyLimitOf(HttpContext http) =>
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? Hosting.RequestBodyLimit.DefaultBytes;

    /// <summary>What a person reads about a request the framework could not read: French, and without the code's own names.</summary>
    private static string FrenchDetail(BadHttpRequestException e) => e.InnerException switch
    {
        System.Text.Json.JsonException { Path: { Length: > 0 } path } => $"Le contenu envoyé n'est pas un JSON valide pour cette requête (au champ {path}).",
        System.Text.Json.JsonException => "Le contenu envoyé n'est pas un JSON valide pour cette requête.",
        _ => "La requête est mal formée : vérifiez son contenu et ses paramètres.",
    };

    /// <summary>
    /// The problems the framework writes itself (a 401 or 403 from the authorization middleware, a 404, 405 or 415) get the French title and
    /// detail the application's own problems have.
    /// </summary>
    public static void Frenchify(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        // Only what the framework wrote itself (its English title, or none) is replaced; the app's own problems are French already.
        if (problem.Status is { } status && FrameworkWording.TryGetValue(status, out var french) && (problem.Title is null || problem.Title == french.English))
        {
            problem.Title = french.Title;
            problem.Detail ??= french.Detail;
        }
    }

    /// <summary>What the framework answers by itself (no sign-in, a role that may not, no route, a wrong method or body type), in French.</summary>
    private static readonly Dictionary<int, (string English, string Title, string Detail)> FrameworkWording = new()
    {
        [400] = ("Bad Request", "Requête invalide", "La requête est mal formée : vérifiez son contenu et ses paramètres."),
        [401] = ("Unauthorized", "Authentification requise", "Connectez-vous pour accéder à cette ressource."),
        [403] = ("Forbidden", "Accès refusé", "Votre rôle ne permet pas cette action."),
        [404] = ("Not Found", "Introuvable", "Aucune ressource de l'API ne correspond à cette adresse."),
        [405] = ("Method Not Allowed", "Méthode non permise", "Cette adresse de l'API n'accepte pas cette méthode HTTP."),
        [415] = ("Unsupported Media Type", "Type de contenu non pris en charge",
            "Le corps de la requête doit être du JSON (Content-Type: application/json) ou, pour une définition, du XML BPMN."),
    };
}
