using System.Text.Json.Serialization;

namespace Orchestrator.Workflows.Runtime;

/// <summary>A point of execution. Short JSON names keep a waiting instance small in the database.</summary>
public sealed class Token
{
    [JsonPropertyName("i")] public int Id { get; set; }
    [JsonPropertyName("e")] public string ElementId { get; set; } = "";
    /// <summary>The sub-process token this one runs inside, or null at process level.</summary>
    [JsonPropertyName("s")] public int? ScopeId { get; set; }
    [JsonPropertyName("t")] public TokenStatus Status { get; set; }
    /// <summary>The sequence flow it arrived by; parallel joins count arrivals per flow.</summary>
    [JsonPropertyName("f")] public string? ArrivedVia { get; set; }
}
