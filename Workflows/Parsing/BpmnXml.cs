using System.Xml;
using System.Xml.Linq;

namespace Orchestrator.Workflows.Parsing;

/// <summary>
/// Reads a definition's XML text into a document, refusing first what would cost the reader far more than the file's size:
/// elements nested deeper than <see cref="MaxDepth"/>. Building a document from deeply nested elements takes time in the square
/// of the depth (a 700 kB file nesting 100,000 elements, well under the upload limit, held a core for 13 s); a streaming reader
/// measures the depth in microseconds. DTDs stay refused, as <see cref="XDocument.Parse(string, LoadOptions)"/> refuses them.
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
        catch (XmlException e) when (!e.Message.StartsWith("Elements are nested", StringComparison.Ordinal))
        {
            // Not well-formed: the document's own reading says so, in the words the validator translates.
        }
    }
}
