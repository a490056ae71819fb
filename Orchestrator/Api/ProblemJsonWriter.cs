using Microsoft.AspNetCore.Mvc;

namespace Orchestrator.Api;

/// <summary>
/// Writes every problem as <c>application/problem+json</c>, whatever the request's <c>Accept</c> asked for. A client asking
/// for a CSV or a PDF that is refused must still read why, in French; the framework's own writer stays silent when the
/// Accept header names no JSON, which left an empty 400 or 403 (and the refusal logged as an unhandled exception).
/// Registered after <c>AddProblemDetails</c>, it is consulted after the framework's writer, so JSON clients are unchanged.
/// </summary>
public sealed class ProblemJsonWriter : IProblemDetailsWriter
{
    /// <inheritdoc/>
    public bool CanWrite(ProblemDetailsContext context) => true;

    /// <inheritdoc/>
    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        // The same French wording the framework's writer would have applied.
        context.HttpContext.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<ProblemDetailsOptions>>()?.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json", http.RequestAborted));
    }
}
