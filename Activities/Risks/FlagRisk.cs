using System.Text.Json.Nodes;
using Orchestrator.Workflows.Extensibility;

namespace Orchestrator.Activities.Risks;

/// <summary>Raises an alert: a risk of a break in care, with its type, severity and the deadline it concerns.</summary>
[Activity("FlagRisk", "Signaler un risque de rupture", Description = "Crée une alerte visible des coordinateurs et du référent.")]
[ActivityInput("riskType", "Type de risque", Required = true, Description = "overstay, no-exit-solution, missed-visit, prescription-lapse, handoff-expired…")]
[ActivityInput("severity", "Gravité", Description = "low, medium, high (medium par défaut)")]
[ActivityInput("message", "Message", Description = "Texte de l'alerte, en français")]
[ActivityInput("resolvedBy", "Résolue par la tâche", Description = "Identifiant de la tâche dont l'achèvement résout l'alerte (ex. dipcHandover)")]
[ActivityInput("actWithin", "Délai d'action", Description = "Durée ISO 8601 (P2D) ou échéance déjà calculée (${meetingDeadline}) : l'alerte est en retard passé ce délai ; immédiate sinon")]
public sealed class FlagRisk : IActivity
{
    private static readonly string[] Severities = ["low", "medium", "high"];

    /// <summary>
    /// Emits <see cref="ActivityEvents.RiskFlagged"/>, due after <c>actWithin</c> (now when absent), and sets <c>lastRisk</c> to the risk type.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>riskType</c> is missing, or <c>severity</c> is not low, medium or high.</exception>
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var severity = context.Input("severity") ?? "medium";
        if (!Severities.Contains(severity))
            throw new InvalidOperationException($"Severity '{severity}' is not one of {string.Join(", ", Severities)}.");
        context.Emit(ActivityEvents.RiskFlagged, new JsonObject
        {
            ["riskType"] = context.RequiredInput("riskType"),
            ["severity"] = severity,
            ["message"] = context.Input("message"),
            ["elementId"] = context.ElementId,
            ["resolvedBy"] = context.Input("resolvedBy"),
            ["businessKey"] = context.BusinessKey,
            ["at"] = context.Now.ToString("O"),
            ["dueAt"] = (context.DueFrom("actWithin") ?? context.Now).ToString("O"),
        });
        return ValueTask.FromResult(ActivityResult.Done(new Dictionary<string, object?> { ["lastRisk"] = context.RequiredInput("riskType") }));
    }
}
