using Orchestrator.Workflows.Extensibility;

namespace Orchestrator.Workflows.Tests.Support;

[Activity("Record", "Enregistrer (test)")]
[ActivityInput("value", "Valeur", Required = true)]
[ActivityInput("as", "Variable écrite")]
public sealed class RecordingActivity : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        context.Emit("test.recorded", new System.Text.Json.Nodes.JsonObject { ["value"] = context.Input("value") });
        if (context.Input("fail") == "true") throw new InvalidOperationException("the activity failed on purpose");
        var output = context.Input("as") is { Length: > 0 } named ? named : "recorded"; // the variable written, as PlanDeadline's name input
        return ValueTask.FromResult(ActivityResult.Done(new Dictionary<string, object?> { [output] = context.RequiredInput("value") }));
    }
}

[Activity("AwaitAnswer", "Attendre une réponse (test)")]
[ActivityInput("key", "Clé", Required = true)]
public sealed class WaitingActivity : IActivity
{
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityResult.Wait("answer", context.RequiredInput("key"), new Dictionary<string, object?> { ["asked"] = true }));
}
