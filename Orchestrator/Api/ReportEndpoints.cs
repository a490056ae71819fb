using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.Net.Http.Headers;
using Orchestrator.Application.People;
using Orchestrator.Application.Reports;
using Orchestrator.Application.Reports.Export;
using Orchestrator.Domain.Reports;

namespace Orchestrator.Api;

/// <summary>
/// Activity reports and regional indicators (<c>GET /api/reports/{kind}</c>) in JSON, CSV, XLSX or PDF as the request's
/// <c>Accept</c> header (or its <c>format</c> parameter, for a plain download link) asks; the director's texts of a
/// report; the coded recourses to outside care recorded on a person.
/// </summary>
public static class ReportEndpoints
{
    /// <summary>The text of a report's narrative section.</summary>
    /// <param name="Text">At most <see cref="Domain.Reports.ReportNarrative.MaxLength"/> characters.</param>
    public sealed record TextRequest(string Text);

    /// <summary>A recourse to outside care to record.</summary>
    /// <param name="Kind">Which kind; a missing one is refused with a 400.</param>
    public sealed record RecourseRequest(CareRecourseKind? Kind);

    /// <summary>Maps the <c>/api/reports</c> routes (reports, their narratives) and recording care recourses; each needs a signed-in member.</summary>
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Rapports").RequireAuthorization();
        reports.MapGet("/{kind}", async (string kind, Guid? structure, int? year, string? format, HttpRequest request, IMediator m, TimeProvider clock, CancellationToken ct) =>
            {
                var reportKind = ReportKinds.FromSlug(kind) ?? throw Invalid("kind",
                    $"Rapport inconnu : « {kind} ». Rapports : {string.Join(", ", Enum.GetValues<ReportKind>().Select(k => k.Slug()))}.");
                var mediaType = Negotiate(request, format);
                if (mediaType is null)
                    return Results.Problem(title: "Format non disponible", statusCode: StatusCodes.Status406NotAcceptable,
                        detail: $"Formats proposés : {string.Join(", ", ReportFormats.All)} (en-tête Accept ou paramètre format=json|csv|xlsx|pdf).");
                var report = await m.Send(new BuildReportQuery(reportKind, structure, year ?? clock.GetUtcNow().Year), ct);
                return mediaType switch
                {
                    ReportFormats.Csv => Results.File(ReportCsv.Write(report), "text/csv; charset=utf-8", ReportFormats.FileName(report, mediaType)),
                    ReportFormats.Xlsx => Results.File(ReportXlsx.Write(report), mediaType, ReportFormats.FileName(report, mediaType)),
                    ReportFormats.Pdf => Results.File(ReportPdf.Write(report), mediaType, ReportFormats.FileName(report, mediaType)),
                    _ => Results.Json(report),
                };
            })
            .WithSummary("Un rapport d'activité ou les indicateurs régionaux")
            .WithDescription("kind : evaluation-lhss, act, lam, equipe-mobile, ruptures (d'une structure : structure obligatoire, direction et coordination de la structure) "
                + "ou regional (non nominatif, effectifs de 1 à 10 masqués avec masquage complémentaire). year : année civile (par défaut l'année en cours). "
                + "Format selon l'en-tête Accept (application/json, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/pdf) "
                + "ou le paramètre format=json|csv|xlsx|pdf. CSV : séparateur « ; », UTF-8 avec BOM, décimales à virgule.")
            // One 200 response with the four media types (the JSON one is the report's shape; the others are files of it).
            .Produces(StatusCodes.Status200OK, typeof(Report), ReportFormats.Json, ReportFormats.Csv, ReportFormats.Xlsx, ReportFormats.Pdf)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status406NotAcceptable);
        reports.MapPut("/{structureId:guid}/{year:int}/texts/{section}", async (Guid structureId, int year, string section, TextRequest body, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new SaveReportTextCommand(structureId, year, section, body.Text ?? ""), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Une partie qualitative du rapport annuel, rédigée par la direction de la structure")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapPost("/api/people/{id:guid}/recourses", async (Guid id, RecourseRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(new { id = await m.Send(new RecordCareRecourseCommand(id, body.Kind), ct) }))
            .RequireAuthorization().WithTags("Personnes")
            .WithSummary("Enregistre un recours aux soins extérieurs (Appointment, Accompaniment, MedicalTransport, EmergencyCall, EmergencyTransfer)");
    }

    /// <summary>
    /// The media type to answer with: the <paramref name="format"/> parameter when given, else the most preferred type of the
    /// Accept header that is offered (<c>*/*</c> or none: JSON); null when the client accepts none of them.
    /// </summary>
    public static string? Negotiate(HttpRequest request, string? format)
    {
        if (format is not null) return ReportFormats.FromName(format) ?? throw Invalid("format", "Format inconnu : json, csv, xlsx ou pdf.");
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return ReportFormats.Json;
        foreach (var type in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (type.Quality == 0) continue;
            if (type.MatchesAllTypes) return ReportFormats.Json;
            var offered = ReportFormats.All.FirstOrDefault(f => new MediaTypeHeaderValue(f).IsSubsetOf(type));
            if (offered is not null) return offered;
        }
        return null;
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
