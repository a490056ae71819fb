namespace Orchestrator.Application.Reports.Export;

/// <summary>The media types a report is offered in, and the file extension of each.</summary>
public static class ReportFormats
{
    /// <summary>JSON, the default.</summary>
    public const string Json = "application/json";
    /// <summary>CSV (<see cref="ReportCsv"/>).</summary>
    public const string Csv = "text/csv";
    /// <summary>An Excel workbook (<see cref="ReportXlsx"/>).</summary>
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /// <summary>A printable PDF (<see cref="ReportPdf"/>).</summary>
    public const string Pdf = "application/pdf";

    /// <summary>Every media type, JSON first (the default).</summary>
    public static readonly string[] All = [Json, Csv, Xlsx, Pdf];

    /// <summary>The media type of a short format name (json, csv, xlsx, pdf), or null.</summary>
    public static string? FromName(string? name) => name?.ToLowerInvariant() switch
    {
        "json" => Json, "csv" => Csv, "xlsx" => Xlsx, "pdf" => Pdf, _ => null,
    };

    /// <summary>The file extension of <paramref name="mediaType"/>, without the dot; <c>json</c> for any other.</summary>
    public static string Extension(string mediaType) => mediaType switch { Csv => "csv", Xlsx => "xlsx", Pdf => "pdf", _ => "json" };

    /// <summary>A download name without spaces or accents: <c>rapport-evaluation-lhss-2026.pdf</c>.</summary>
    public static string FileName(Report report, string mediaType) => $"rapport-{report.Kind}-{report.Year}.{Extension(mediaType)}";
}
