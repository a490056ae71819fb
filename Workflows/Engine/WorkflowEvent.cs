using System.Text.Json.Nodes;

namespace Orchestrator.Workflows.Engine;

public sealed record WorkflowEvent(long Id, Guid InstanceId, string Type, JsonObject Payload, DateTimeOffset At);
