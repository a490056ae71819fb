using System.Text.Json;

namespace Orchestrator.Cli;

/// <summary>
/// JSON whose text is not valid Unicode: an escaped lone surrogate (<c>"\ud800"</c>) is well-formed JSON, but no string can be read
/// from it, and it would fail much later, when the value is written, as an internal error.
/// </summary>
internal static class JsonText
{
    /// <summary>The path (<c>$.scenarios[0].name</c>) of the first string or property name that is not valid Unicode; null when all are.</summary>
    public static string? FirstInvalid(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(() => element.GetString()) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    if (FirstInvalid(item, $"{path}[{index++}]") is { } found) return found;
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name = "";
                    if (!Readable(() => name = property.Name)) return path;
                    if (FirstInvalid(property.Value, $"{path}.{name}") is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>The refusal of text found at <paramref name="at"/> by <see cref="FirstInvalid"/>.</summary>
    public static string NotUnicode(string at) => $"the text at {at} is not valid Unicode (a lone surrogate such as \\ud800)";

    private static bool Readable(Action read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
