using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Workflows.Runtime;

/// <summary>Converts host values (primitives, dates, JSON elements, dictionaries) into variable JSON nodes.</summary>
public static class Values
{
    /// <exception cref="Engine.WorkflowException">
    /// <paramref name="value"/> is a number that is not finite (NaN, from 0 / 0; Infinity): JSON cannot hold it, so no variable can (code
    /// <c>not-a-number</c>; the step fails with an incident naming its element).
    /// </exception>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        double number when !double.IsFinite(number) => throw NotFinite(number),
        float number when !float.IsFinite(number) => throw NotFinite(number),
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        DateTimeOffset date => JsonValue.Create(date.ToUniversalTime().ToString("O")),
        DateTime date => JsonValue.Create(new DateTimeOffset(date.ToUniversalTime()).ToString("O")),
        _ => JsonSerializer.SerializeToNode(value),
    };

    private static Engine.WorkflowException NotFinite(double number) => new("not-a-number",
        $"a value that is not a finite number ({(double.IsNaN(number) ? "NaN, as 0 / 0 gives" : "Infinity, as a division by 0 gives")}) cannot be kept in a variable");

    /// <summary>A caller's variables as the JSON object an instance keeps (null: none).</summary>
    /// <exception cref="Engine.WorkflowException">A value is NaN or infinite (code <c>not-a-number</c>), which JSON cannot hold.</exception>
    public static JsonObject ToObject(IReadOnlyDictionary<string, object?>? values)
    {
        var result = new JsonObject();
        if (values is null) return result;
        foreach (var (name, value) in values) result[name] = ToNode(value);
        return result;
    }
}
