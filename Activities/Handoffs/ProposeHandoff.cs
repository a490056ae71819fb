using System.Text.Json.Nodes;
using Orchestrator.Workflows.Extensibility;

namespace Orchestrator.Activities.Handoffs;

/// <summary>
/// Proposes the person to a downstream structure and waits for its answer. The answer arrives as the
/// <c>handoff-answered</c> message correlated by the handoff id, carrying <c>handoffAnswer</c>
/// (accepted or refused); a boundary timer on this task is how a definition says how long to wait.
/// </summary>
[Activity("ProposeHandoff", "Orienter vers une structure", Description = "Propose la personne à une structure d'aval et attend sa réponse.")]
[ActivityInput("targetType", "Type de structure d'aval", Required = true, Description = "ACT, LAM, LHSS, CHRS, pension-de-famille, logement, hopital, EHPAD, PASS, CMP, CSAPA, SIAO, ESSIP…")]
[ActivityInput("targetStructureId", "Structure proposée", Description = "Identifiant d'une structure précise, si elle est connue")]
[ActivityInput("answerWithin", "Délai de réponse", Description = "Durée ISO 8601 (P7D) affichée comme échéance de la réponse")]
[ActivityInput("reason", "Motif de l'orientation")]
[ActivityInput("expectedDate", "Arrivée souhaitée", Description = "Date ISO 8601 à laquelle la personne est attendue")]
[ActivityInput("summary", "Résumé partagé", Description = "Ce que la structure d'aval lit pour décider, avec l'accord de la personne ; jamais le dossier")]
public sealed class ProposeHandoff : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var handoffId = Workflows.Persistence.OrderedIds.Next(context.Now);
        context.Emit(ActivityEvents.HandoffProposed, new JsonObject
        {
            ["handoffId"] = handoffId,
            ["targetType"] = context.RequiredInput("targetType"),
            ["targetStructureId"] = context.Input("targetStructureId"),
            ["reason"] = context.Input("reason"),
            ["expectedDate"] = context.Input("expectedDate"),
            ["summary"] = context.Input("summary"),
            ["answerDueAt"] = context.DueFrom("answerWithin")?.ToString("O"),
            ["businessKey"] = context.BusinessKey,
            ["at"] = context.Now.ToString("O"),
        });
        var outputs = new Dictionary<string, object?> { ["handoffId"] = handoffId.ToString(), ["handoffAnswer"] = null };
        return ValueTask.FromResult(ActivityResult.Wait(ActivityEvents.HandoffAnswered, handoffId.ToString(), outputs));
    }
}
