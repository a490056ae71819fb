using System.Text.Json.Nodes;
using Orchestrator.Workflows.Extensibility;

namespace Orchestrator.Activities.Handoffs;

/// <summary>Records that the structure did not answer in time, so the host can close the proposal and escalate.</summary>
[Activity("ExpireHandoff", "Constater l'absence de réponse", Description = "Clôt une orientation restée sans réponse dans le délai.")]
[ActivityInput("handoffId", "Orientation", Description = "Par défaut la dernière orientation proposée (${handoffId})")]
public sealed class ExpireHandoff : IActivity
{
    /// <summary>Emits <see cref="ActivityEvents.HandoffExpired"/> for the handoff and sets <c>handoffAnswer</c> to <c>expired</c>.</summary>
    /// <exception cref="InvalidOperationException">No <c>handoffId</c> input nor variable: ProposeHandoff never ran.</exception>
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var handoffId = context.Input("handoffId") ?? context.Variables["handoffId"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"Service task '{context.ElementId}' has no handoff to expire; run ProposeHandoff first.");
        context.Emit(ActivityEvents.HandoffExpired, new JsonObject
        {
            ["handoffId"] = handoffId,
            ["businessKey"] = context.BusinessKey,
            ["at"] = context.Now.ToString("O"),
        });
        return ValueTask.FromResult(ActivityResult.Done(new Dictionary<string, object?> { ["handoffAnswer"] = "expired" }));
    }
}
