using System.Text.Json.Nodes;

namespace Orchestrator.Workflows.Engine;

/// <summary>An event a committed step wrote in the engine's outbox, as the host's sinks receive it (at least once, in order per business key).</summary>
/// <param name="Id">Its outbox id, increasing in commit order: the sinks' idempotency key.</param>
/// <param name="InstanceId">The instance whose step wrote it.</param>
/// <param name="Type">A <see cref="Runtime.WorkflowEvents"/> name (<c>wf.…</c>) or an activity's own (<c>pathway.…</c>).</param>
/// <param name="Payload">Its data; <c>businessKey</c> names the host's record when the instance has one.</param>
/// <param name="At">When the step ran (UTC), which the host records as the change's time.</param>
public sealed record WorkflowEvent(long Id, Guid InstanceId, string Type, JsonObject Payload, DateTimeOffset At);
