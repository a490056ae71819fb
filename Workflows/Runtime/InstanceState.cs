using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Workflows.Runtime;

/// <summary>The tokens of one instance, stored as JSON on the instance row.</summary>
public sealed class InstanceState
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The id the next new token gets; ids are never reused within an instance.</summary>
    [JsonPropertyName("n")] public int NextTokenId { get; set; } = 1;
    /// <summary>The live tokens.</summary>
    [JsonPropertyName("k")] public List<Token> Tokens { get; set; } = new();
    /// <summary>
    /// For an instance started by a call activity, the variables it has written (task answers, activity outputs,
    /// messages, results of its own calls): without <c>orc:out</c>, only these go back to the caller.
    /// </summary>
    [JsonPropertyName("w")] public SortedSet<string>? Written { get; set; }

    /// <summary>The live token <paramref name="id"/>, or null once it is gone.</summary>
    public Token? Find(int id) => Tokens.Find(t => t.Id == id);

    /// <summary>A new ready token on <paramref name="elementId"/>, in the scope of token <paramref name="scopeId"/> (null: the process).</summary>
    public Token Add(string elementId, int? scopeId)
    {
        var token = new Token { Id = NextTokenId++, ElementId = elementId, ScopeId = scopeId, Status = TokenStatus.Ready };
        Tokens.Add(token);
        return token;
    }

    /// <summary>The tokens as the JSON kept on the instance row.</summary>
    public string Serialize() => JsonSerializer.Serialize(this, Json);

    /// <summary>The tokens read back from the instance row; an empty text is an instance without tokens.</summary>
    public static InstanceState Deserialize(string json) =>
        string.IsNullOrWhiteSpace(json) || json == "{}" ? new InstanceState() : JsonSerializer.Deserialize<InstanceState>(json, Json)!;
}
