using System.Xml;
using System.Xml.Linq;

namespace Orchestrator.Workflows.Parsing;

/// <summary>
/// Reads a definition's XML text into a document, refusing first what would cost the reader far more than the file's size:
/// elements nested deeper than <see cref="MaxDepth"/>. Building a document from deeply nested elements takes time in the square
/// of the depth (a 700 kB file nesting 100,000 elements, well under the upload limit, held a core for 13 s); a streaming reader
/// measures the depth in microseconds. A document type (DTD) is refused here, before the document is built: its entities would
/// expand into elements the file does not show (at the DOCTYPE's line), or into millions of them from a few hundred bytes, and
/// <see cref="XDocument.Parse(string, LoadOptions)"/> would read it.
/// </summary>
public static class BpmnXml
{
    /// <summary>How deep elements may nest: sub-processes 64 deep (<see cref="ProcessReader.MaxNesting"/>) with their extensions fit well within it.</summary>
    public const int MaxDepth = 256;

    /// <summary>The document of <paramref name="xml"/>.</summary>
    /// <exception cref="XmlException">The text is not well-formed XML, holds a DTD, or nests elements deeper than <see cref="MaxDepth"/> (its line and position given).</exception>
    public static XDocument Parse(string xml, LoadOptions options = LoadOptions.None)
    {
        EnsureShallow(xml);
        return XDocument.Parse(xml, options);
    }

    /// <summary>The document of the file at <paramref name="path"/>; see <see cref="Parse"/>.</summary>
    /// <exception cref="XmlException">As <see cref="Parse"/>.</exception>
    public static XDocument Load(string path, LoadOptions options = LoadOptions.None) => Parse(File.ReadAllText(path), options);

    private static void EnsureShallow(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var lines = (IXmlLineInfo)reader;
        try
        {
            while (reader.Read())
                if (reader.Depth > MaxDepth)
                    throw new XmlException($"Elements are nested more than {MaxDepth} deep.", null, lines.LineNumber, lines.LinePosition);
        }
        catch (XmlException e) when (e.Message.Contains("DTD is prohibited", StringComparison.Ordinal) && e.LineNumber == 0)
        {
            // The reader gives no position for it: the line of the DOCTYPE, so that the refusal points at it.
            var at = xml.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
            var line = at < 0 ? 1 : xml.AsSpan(0, at).Count('\n') + 1;
            throw new XmlException(e.Message, e, line, at < 0 ? 1 : at - xml.LastIndexOf('\n', Math.Max(at - 1, 0)));
        }
        catch (XmlException e) when (!e.Message.StartsWith("Elements are nested", StringComparison.Ordinal) && !e.Message.Contains("DTD is prohibited", StringComparison.Ordinal))
        {
            // Not well-formed: the document's own reading says so, in the words the validator translates.
        }
    }
}
