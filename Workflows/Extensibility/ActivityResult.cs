namespace Orchestrator.Workflows.Extensibility;

/// <summary>Either the activity is done (with outputs merged into the variables) or the token waits for a message.</summary>
public sealed record ActivityResult(IReadOnlyDictionary<string, object?> Outputs, string? WaitForMessage, string? CorrelationKey)
{
    private static readonly IReadOnlyDictionary<string, object?> NoOutputs = new Dictionary<string, object?>();

    /// <summary>The activity is done and sets no variable; the token moves on.</summary>
    public static ActivityResult Done() => new(NoOutputs, null, null);

    /// <summary>The activity is done; <paramref name="outputs"/> are written as variables (names the engine reserves are refused) and the token moves on.</summary>
    public static ActivityResult Done(IReadOnlyDictionary<string, object?> outputs) => new(outputs, null, null);

    /// <summary>
    /// The service task waits for the message <paramref name="messageName"/> keyed by <paramref name="correlationKey"/> (a handoff's
    /// answer, say); <paramref name="outputs"/> are written at once. Its boundary events stay armed while it waits.
    /// </summary>
    public static ActivityResult Wait(string messageName, string correlationKey, IReadOnlyDictionary<string, object?>? outputs = null) =>
        new(outputs ?? NoOutputs, messageName, correlationKey);
}
