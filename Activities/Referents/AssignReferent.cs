using System.Text.Json.Nodes;
using Orchestrator.Workflows.Extensibility;

namespace Orchestrator.Activities.Referents;

/// <summary>Asks the host to give the episode a referent of the structure; an episode left without one raises an alert.</summary>
[Activity("AssignReferent", "Désigner un référent", Description = "Désigne le référent du parcours parmi l'équipe de la structure.")]
[ActivityInput("role", "Fonction du référent", Description = "social-worker, nurse, doctor, coordinator (social-worker par défaut)")]
public sealed class AssignReferent : IActivity
{
    /// <summary>Emits <see cref="ActivityEvents.ReferentRequested"/> for the given role (<c>social-worker</c> when none is given).</summary>
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        context.Emit(ActivityEvents.ReferentRequested, new JsonObject
        {
            ["role"] = context.Input("role") ?? "social-worker",
            ["businessKey"] = context.BusinessKey,
            ["at"] = context.Now.ToString("O"),
        });
        return ValueTask.FromResult(ActivityResult.Done());
    }
}
