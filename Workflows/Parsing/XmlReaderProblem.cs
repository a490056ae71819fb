using System.Text.RegularExpressions;
using System.Xml;
using Orchestrator.Workflows.Validation;

namespace Orchestrator.Workflows.Parsing;

/// <summary>
/// Why the XML reader refused a file, in the current UI language. .NET's reader words its refusals in English only, and the
/// administrators who upload a diagram read French: the refusals a hand-edited or cut-off file meets (a tag left open, a
/// mismatched end tag, an unescaped « &amp; », an undeclared prefix…) are recognised by their wording and told through
/// <see cref="Reasons"/>; any other is told by where the reader stopped (line and column), without the English text.
/// </summary>
internal static partial class XmlReaderProblem
{
    private static readonly (Regex Pattern, string Resource)[] Known =
    [
        (UnexpectedEndWithOpenElements(), nameof(Reasons.Xml_UnexpectedEndOpen)),
        (UnexpectedEnd(), nameof(Reasons.Xml_UnexpectedEnd)),
        (TagMismatch(), nameof(Reasons.Xml_TagMismatch)),
        (UnexpectedToken(), nameof(Reasons.Xml_UnexpectedToken)),
        (UndeclaredPrefix(), nameof(Reasons.Xml_UndeclaredPrefix)),
        (DuplicateAttribute(), nameof(Reasons.Xml_DuplicateAttribute)),
        (UndeclaredEntity(), nameof(Reasons.Xml_UndeclaredEntity)),
        (EntityName(), nameof(Reasons.Xml_UnescapedAmpersand)),
        (BadNameStart(), nameof(Reasons.Xml_BadName)),
        (BadNameCharacter(), nameof(Reasons.Xml_BadName)),
        (InvalidCharacter(), nameof(Reasons.Xml_InvalidCharacter)),
        (RootData(), nameof(Reasons.Xml_NotXml)),
        (MissingRoot(), nameof(Reasons.Xml_Empty)),
        (MultipleRoots(), nameof(Reasons.Xml_MultipleRoots)),
        (UnclosedQuote(), nameof(Reasons.Xml_UnclosedQuote)),
        (Dtd(), nameof(Reasons.Xml_Dtd)),
        (TooDeep(), nameof(Reasons.Xml_TooDeep)),
    ];

    /// <summary>
    /// The reason of <paramref name="e"/>, e.g. « la balise « bpmn:process » ouverte ligne 3 n'est pas fermée avant « bpmn:definitions » »,
    /// always followed by where the reader stopped (line and column, 1-based, as the exception gives them).
    /// </summary>
    public static string Describe(XmlException e)
    {
        var message = Position().Replace(e.Message, "").Trim();
        var where = ReasonText.Format(Reasons.Xml_At, e.LineNumber, e.LinePosition);
        foreach (var (pattern, resource) in Known)
            if (pattern.Match(message) is { Success: true } match)
                return ReasonText.Format(ReasonText.Named(resource)!, match.Groups.Values.Skip(1).Select(g => (object?)g.Value).ToArray()) + where;
        return ReasonText.Format(Reasons.Xml_Other) + where;
    }

    [GeneratedRegex(@"\s*Line \d+, position \d+\.?$")] private static partial Regex Position();
    [GeneratedRegex(@"^Unexpected end of file has occurred\. The following elements are not closed: (.+?)\.?$")] private static partial Regex UnexpectedEndWithOpenElements();
    [GeneratedRegex(@"^Unexpected end of file")] private static partial Regex UnexpectedEnd();
    [GeneratedRegex(@"^The '(.+?)' start tag on line (\d+) position \d+ does not match the end tag of '(.+?)'")] private static partial Regex TagMismatch();
    [GeneratedRegex(@"^'(.+?)' is an unexpected token\. The expected token is '(.+?)'")] private static partial Regex UnexpectedToken();
    [GeneratedRegex(@"^'(.+?)' is an undeclared prefix")] private static partial Regex UndeclaredPrefix();
    [GeneratedRegex(@"^'(.+?)' is a duplicate attribute name")] private static partial Regex DuplicateAttribute();
    [GeneratedRegex(@"^Reference to undeclared entity '(.+?)'")] private static partial Regex UndeclaredEntity();
    [GeneratedRegex(@"^An error occurred while parsing EntityName")] private static partial Regex EntityName();
    [GeneratedRegex(@"^Name cannot begin with the '(.+?)' character")] private static partial Regex BadNameStart();
    [GeneratedRegex(@"^The '(.+?)' character, hexadecimal value .+?, cannot be included in a name")] private static partial Regex BadNameCharacter();
    [GeneratedRegex(@"^'(.+?)', hexadecimal value .+?, is an invalid (attribute )?character")] private static partial Regex InvalidCharacter();
    [GeneratedRegex(@"^Data at the root level is invalid")] private static partial Regex RootData();
    [GeneratedRegex(@"^Root element is missing")] private static partial Regex MissingRoot();
    [GeneratedRegex(@"^There are multiple root elements")] private static partial Regex MultipleRoots();
    [GeneratedRegex(@"^There is an unclosed literal string")] private static partial Regex UnclosedQuote();
    [GeneratedRegex(@"DTD is prohibited")] private static partial Regex Dtd();
    [GeneratedRegex(@"^Elements are nested more than (\d+) deep")] private static partial Regex TooDeep();
}
