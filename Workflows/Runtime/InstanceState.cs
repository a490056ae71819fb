using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.Workflows.Runtime;

/// <summary>The tokens of one instance, stored as JSON on the instance row.</summary>
public sealed class InstanceState
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    [JsonPropertyName("n")] public int NextTokenId { get; set; } = 1;
    [JsonPropertyName("k")] public List<Token> Tokens { get; set; } = new();

    public Token? Find(int id) => Tokens.Find(t => t.Id == id);

    public Token Add(string elementId, int? scopeId)
    {
        var token = new Token { Id = NextTokenId++, ElementId = elementId, ScopeId = scopeId, Status = TokenStatus.Ready };
        Tokens.Add(token);
        return token;
    }

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static InstanceState Deserialize(string json) =>
        string.IsNullOrWhiteSpace(json) || json == "{}" ? new InstanceState() : JsonSerializer.Deserialize<InstanceState>(json, Json)!;
}
