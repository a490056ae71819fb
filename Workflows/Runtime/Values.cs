using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Workflows.Runtime;

/// <summary>Converts host values (primitives, dates, JSON elements, dictionaries) into variable JSON nodes.</summary>
public static class Values
{
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        DateTimeOffset date => JsonValue.Create(date.ToUniversalTime().ToString("O")),
        DateTime date => JsonValue.Create(new DateTimeOffset(date.ToUniversalTime()).ToString("O")),
        _ => JsonSerializer.SerializeToNode(value),
    };

    public static JsonObject ToObject(IReadOnlyDictionary<string, object?>? values)
    {
        var result = new JsonObject();
        if (values is null) return result;
        foreach (var (name, value) in values) result[name] = ToNode(value);
        return result;
    }
}
