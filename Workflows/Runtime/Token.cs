using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Orchestrator.Workflows.Runtime;

/// <summary>A point of execution. Short JSON names keep a waiting instance small in the database.</summary>
public sealed class Token
{
    /// <summary>The token's id, unique within its instance.</summary>
    [JsonPropertyName("i")] public int Id { get; set; }
    /// <summary>The BPMN id of the element the token is on.</summary>
    [JsonPropertyName("e")] public string ElementId { get; set; } = "";
    /// <summary>The sub-process token this one runs inside, or null at process level.</summary>
    [JsonPropertyName("s")] public int? ScopeId { get; set; }
    /// <summary>Whether the token is ready to move, waiting on its element, or listening (see <see cref="TokenStatus"/>).</summary>
    [JsonPropertyName("t")] public TokenStatus Status { get; set; }
    /// <summary>The sequence flow it arrived by; parallel joins count arrivals per flow.</summary>
    [JsonPropertyName("f")] public string? ArrivedVia { get; set; }
    /// <summary>On one instance of a multi-instance activity: its index in the loop, from 0 (<c>loopCounter</c>).</summary>
    [JsonPropertyName("l")] public int? LoopCounter { get; set; }
    /// <summary>On one instance of a multi-instance activity: the variables only it sees (its element variable).</summary>
    [JsonPropertyName("v")] public JsonObject? Locals { get; set; }
    /// <summary>
    /// On one instance of a parallel multi-instance activity: the names of <see cref="Locals"/> that its service tasks' activities
    /// wrote (ProposeHandoff's <c>handoffId</c>): the instance reads its own, and they go on out when it completes.
    /// </summary>
    [JsonPropertyName("w")] public List<string>? Shared { get; set; }
    /// <summary>On the body of a multi-instance activity: the loop's progress; its instances are its child tokens.</summary>
    [JsonPropertyName("m")] public MultiInstanceState? Loop { get; set; }

    /// <summary>
    /// Within a step: the token's element has completed and the token has not left it yet (a signal it threw is being heard).
    /// A catch interrupting its scope then withdraws it without recording its element as cancelled.
    /// </summary>
    [JsonIgnore] public bool ElementCompleted { get; set; }

    /// <summary>Whether this token is one instance of a multi-instance activity (its scope is the loop's body).</summary>
    [JsonIgnore] public bool IsLoopInstance => LoopCounter is not null;
}

/// <summary>The progress of a multi-instance activity's loop, kept on its body token.</summary>
public sealed class MultiInstanceState
{
    /// <summary>How many instances the loop has (nrOfInstances).</summary>
    [JsonPropertyName("n")] public int Total { get; set; }
    /// <summary>How many have completed (nrOfCompletedInstances).</summary>
    [JsonPropertyName("c")] public int Completed { get; set; }
    /// <summary>How many have been started, for a sequential loop.</summary>
    [JsonPropertyName("s")] public int Started { get; set; }
    /// <summary>The collection's items, read once when the loop starts, so a later change of the variable does not move the loop.</summary>
    [JsonPropertyName("x")] public JsonArray? Items { get; set; }
    /// <summary>Each instance's output element, by loop index.</summary>
    [JsonPropertyName("o")] public JsonArray? Outputs { get; set; }
    /// <summary>
    /// For a parallel loop, what its completed instances hand on, kept until the loop ends (a later instance's value over an earlier
    /// one's), so that instances running side by side never read each other's (see HandOn).
    /// </summary>
    [JsonPropertyName("h")] public JsonObject? HandedOn { get; set; }
}
