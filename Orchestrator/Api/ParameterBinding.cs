using System.Text.RegularExpressions;

namespace Orchestrator.Api;

/// <summary>
/// A route or query parameter the framework could not read (<c>page=abc</c>, <c>structureId=xyz</c>, <c>stage=Foo</c>, one left
/// out), told in French under the parameter's own name, as the validators tell a value out of range. The framework raises these
/// in every environment (<see cref="Microsoft.AspNetCore.Routing.RouteHandlerOptions.ThrowOnBadRequest"/>); left to itself it
/// wrote an English 400 naming nothing outside development.
/// </summary>
public static partial class ParameterBinding
{
    /// <summary>The parameter's name and the French reason, or null when the exception is not about reading a parameter.</summary>
    public static (string Parameter, string Reason)? Refused(BadHttpRequestException e)
    {
        if (FailedToBind().Match(e.Message) is { Success: true } failed)
            return (failed.Groups["name"].Value, $"« {Shorten(failed.Groups["value"].Value)} » ne convient pas : {Expected(failed.Groups["type"].Value)}.");
        if (NotProvided().Match(e.Message) is { Success: true } missing)
            return (missing.Groups["name"].Value, $"Ce paramètre est obligatoire : {Expected(missing.Groups["type"].Value)}.");
        return null;
    }

    /// <summary>What a parameter of this C# type takes, in words a person reads.</summary>
    private static string Expected(string type) => type.TrimEnd('?').Replace("Nullable<", "").TrimEnd('>') switch
    {
        "int" or "long" or "short" or "Int32" or "Int64" => "un nombre entier est attendu",
        "decimal" or "double" or "float" => "un nombre est attendu",
        "Guid" => "un identifiant (GUID) est attendu",
        "bool" or "Boolean" => "true ou false est attendu",
        "DateTimeOffset" or "DateTime" or "DateOnly" => "une date au format ISO 8601 est attendue (2026-12-01)",
        _ => "cette valeur n'est pas une de celles que l'adresse accepte",
    };

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    // The framework's own wording (RequestDelegateFactory): « Failed to bind parameter "int page" from "abc". »
    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[A-Za-z0-9_]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    // « Required parameter "int page" was not provided from query string. »
    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[A-Za-z0-9_]+)" was not provided""")]
    private static partial Regex NotProvided();
}
