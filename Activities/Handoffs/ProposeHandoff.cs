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
    /// <summary>
    /// Emits <see cref="ActivityEvents.HandoffProposed"/> with a new handoff id, then waits for <see cref="ActivityEvents.HandoffAnswered"/>
    /// correlated by that id; <c>handoffId</c> is set and <c>handoffAnswer</c> cleared.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>targetType</c> is missing, or <c>expectedDate</c> is not an ISO 8601 date.</exception>
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var handoffId = Workflows.Persistence.OrderedIds.Next(context.Now);
        context.Emit(ActivityEvents.HandoffProposed, new JsonObject
        {
            ["handoffId"] = handoffId,
            ["targetType"] = context.RequiredInput("targetType"),
            ["targetStructureId"] = context.Input("targetStructureId"),
            ["reason"] = context.Input("reason"),
            ["expectedDate"] = ExpectedDate(context)?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["summary"] = context.Input("summary"),
            ["answerDueAt"] = context.DueFrom("answerWithin")?.ToString("O"),
            ["businessKey"] = context.BusinessKey,
            ["at"] = context.Now.ToString("O"),
        });
        var outputs = new Dictionary<string, object?> { ["handoffId"] = handoffId.ToString(), ["handoffAnswer"] = null };
        return ValueTask.FromResult(ActivityResult.Wait(ActivityEvents.HandoffAnswered, handoffId.ToString(), outputs));
    }

    /// <summary>
    /// The day the person is expected, read as ISO 8601 only, a date-time without offset in the structure's zone (« 01/04/2026 »
    /// would otherwise reach the receiving structure as 4 January, and a word as no date at all); null when none is given.
    /// </summary>
    /// <exception cref="InvalidOperationException">The input is not an ISO 8601 date or date-time; the step fails naming the task.</exception>
    private static DateTimeOffset? ExpectedDate(ActivityContext context) => context.Input("expectedDate") is not { Length: > 0 } text ? null
        : Workflows.Timing.ZonedDates.TryParse(text.Trim(), context.TimeZone, out var date) ? date
        : throw new InvalidOperationException($"Input 'expectedDate' of service task '{context.ElementId}' is '{text}', not an ISO 8601 date (2026-04-01).");
}
