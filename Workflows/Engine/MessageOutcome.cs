namespace Orchestrator.Workflows.Engine;

/// <summary>What became of a message sent to the engine.</summary>
public enum MessageDelivery
{
    /// <summary>A waiting instance received it.</summary>
    Delivered,
    /// <summary>No instance waited, but a definition starts on it: a new instance started.</summary>
    Started,
    /// <summary>Nothing waits for it yet; it is kept until a matching catch appears (or it expires).</summary>
    Stored,
    /// <summary>Nothing waited for it and it was not kept (see <see cref="WorkflowEngine.DeliverIfAwaitedAsync"/>).</summary>
    NotAwaited,
    /// <summary>
    /// An instance waited for it but could not go on with it: its step failed and was rolled back, and an incident on that
    /// instance names the element at fault. The message is not kept, so the next one still reaches the catch; the sender,
    /// told so, sends it again once the cause is fixed.
    /// </summary>
    Failed,
}

/// <summary>What became of a message, and the instance that took it or started on it (null when none did).</summary>
public sealed record MessageOutcome(MessageDelivery Delivery, Guid? InstanceId);
