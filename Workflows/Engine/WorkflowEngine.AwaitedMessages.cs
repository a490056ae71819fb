namespace Orchestrator.Workflows.Engine;

public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Delivers a message to the instance waiting for it (or starts one on a message start event), and keeps nothing when
    /// nothing waits: an answer that was already taken (its catch consumed) is not kept to surprise a later catch. This makes
    /// redelivery harmless, so a caller that cannot know whether its earlier attempt committed may simply try again.
    /// </summary>
    /// <returns><see cref="MessageDelivery.Delivered"/> or <see cref="MessageDelivery.Started"/>; <see cref="MessageDelivery.NotAwaited"/> when nothing waited.</returns>
    /// <exception cref="StepFailedException">
    /// The waiting instance could not go on with the message (a gateway with no way out after the catch, say): the step was rolled
    /// back, and an incident on that instance names the element at fault, as for a task completion the step refuses. The caller,
    /// which keeps what it delivers, tries again or tells the person.
    /// </exception>
    public async Task<MessageOutcome> DeliverIfAwaitedAsync(string name, string? correlationKey,
        IReadOnlyDictionary<string, object?>? payload = null, string? actor = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new WorkflowException("invalid-input", "A message needs a name.");
        try
        {
            return await StepAsync(actor, async session =>
                await TryDeliverAsync(session, name, correlationKey, Runtime.Values.ToObject(payload), ct)
                ?? new MessageOutcome(MessageDelivery.NotAwaited, null), ct);
        }
        catch (StepFailedException e)
        {
            await RecordIncidentOnCatchAsync(name, correlationKey, e, ct);
            throw;
        }
    }
}
