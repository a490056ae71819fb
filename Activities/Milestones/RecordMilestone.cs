using System.Text.Json.Nodes;
using Orchestrator.Workflows.Extensibility;

namespace Orchestrator.Activities.Milestones;

/// <summary>Marks a pathway milestone (admission, DIPC handed over, exit…) on the person's timeline.</summary>
[Activity("RecordMilestone", "Jalon du parcours", Description = "Inscrit un jalon daté sur la frise du parcours.")]
[ActivityInput("milestone", "Jalon", Required = true)]
[ActivityInput("label", "Libellé affiché")]
[ActivityInput("stage", "Étape atteinte", Description = "entry, stay, exit ou follow-up : l'épisode passe à cette étape")]
public sealed class RecordMilestone : IActivity
{
    /// <summary>Emits <see cref="ActivityEvents.MilestoneReached"/> and sets <c>milestone_{milestone}</c> to now (UTC instant).</summary>
    /// <exception cref="InvalidOperationException">The <c>milestone</c> input is missing.</exception>
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var milestone = context.RequiredInput("milestone");
        context.Emit(ActivityEvents.MilestoneReached, new JsonObject
        {
            ["milestone"] = milestone,
            ["label"] = context.Input("label") ?? milestone,
            ["stage"] = context.Input("stage"),
            ["businessKey"] = context.BusinessKey,
            ["at"] = context.Now.ToString("O"),
        });
        return ValueTask.FromResult(ActivityResult.Done(new Dictionary<string, object?> { [$"milestone_{milestone}"] = context.Now }));
    }
}
