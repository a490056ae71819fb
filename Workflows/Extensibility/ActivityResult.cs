namespace Orchestrator.Workflows.Extensibility;

/// <summary>Either the activity is done (with outputs merged into the variables) or the token waits for a message.</summary>
public sealed record ActivityResult(IReadOnlyDictionary<string, object?> Outputs, string? WaitForMessage, string? CorrelationKey)
{
    private static readonly IReadOnlyDictionary<string, object?> NoOutputs = new Dictionary<string, object?>();

    public static ActivityResult Done() => new(NoOutputs, null, null);

    public static ActivityResult Done(IReadOnlyDictionary<string, object?> outputs) => new(outputs, null, null);

    public static ActivityResult Wait(string messageName, string correlationKey, IReadOnlyDictionary<string, object?>? outputs = null) =>
        new(outputs ?? NoOutputs, messageName, correlationKey);
}
