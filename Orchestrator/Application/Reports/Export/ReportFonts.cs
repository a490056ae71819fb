using System.Reflection;
using PdfSharp.Fonts;

namespace Orchestrator.Application.Reports.Export;

/// <summary>
/// The fonts of the printable reports: DejaVu Sans and DejaVu Sans Bold, embedded in the application (Bitstream Vera
/// licence, <c>Application/Reports/Export/Fonts/LICENSE</c>), so a PDF renders its accents on any server whatever
/// fonts it has installed. PDFsharp needs a resolver on Linux; it is installed once, the same instance every time.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    /// <summary>The family name reports ask for.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly ReportFonts Instance = new();
    private static readonly Lock Gate = new();

    /// <summary>Installs the resolver (idempotent, thread-safe).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not ReportFonts) GlobalFontSettings.FontResolver = Instance;
        }
    }

    /// <inheritdoc />
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    /// <inheritdoc />
    public byte[] GetFont(string faceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Orchestrator.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The font {faceName} is not embedded in the application.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
