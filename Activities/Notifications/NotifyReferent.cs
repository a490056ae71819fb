using System.Text.Json.Nodes;
using Orchestrator.Workflows.Extensibility;

namespace Orchestrator.Activities.Notifications;

/// <summary>Asks the host to notify the person's referent (in the app, by e-mail) once the step has committed.</summary>
[Activity("NotifyReferent", "Prévenir le référent", Description = "Notification au référent après validation de l'étape.")]
[ActivityInput("subject", "Objet", Required = true)]
[ActivityInput("body", "Message")]
public sealed class NotifyReferent : IActivity
{
    /// <summary>Emits <see cref="ActivityEvents.ReferentNotified"/> with the subject and body; the host sends it after the step commits.</summary>
    /// <exception cref="InvalidOperationException">The <c>subject</c> input is missing.</exception>
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        context.Emit(ActivityEvents.ReferentNotified, new JsonObject
        {
            ["subject"] = context.RequiredInput("subject"),
            ["body"] = context.Input("body"),
            ["businessKey"] = context.BusinessKey,
        });
        return ValueTask.FromResult(ActivityResult.Done());
    }
}
