using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Runtime;

namespace Orchestrator.Workflows.Engine;

public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Delivers a message by name and correlation key to the instance waiting for it; else starts an
    /// instance of a definition with that message start event; else keeps it until a catch appears.
    /// When the waiting instance cannot go on with it (a gateway with no way out after the catch, say), the step is rolled
    /// back and an incident names the element at fault on that instance (<see cref="MessageDelivery.Failed"/>). The message is
    /// not kept: kept, it would be taken again by the next catch of that name, and fail every later message with it.
    /// </summary>
    /// <exception cref="WorkflowException">The name is empty or reserved (<c>wf:</c>).</exception>
    /// <exception cref="StepFailedException">The instance the message starts fails its first step; nothing was kept.</exception>
    public async Task<MessageOutcome> PublishMessageAsync(string name, string? correlationKey,
        IReadOnlyDictionary<string, object?>? payload = null, TimeSpan? timeToLive = null, string? actor = null,
        CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new WorkflowException("invalid-input", "A message needs a name.");
        if (name.StartsWith(WellKnownMessages.EnginePrefix, StringComparison.Ordinal)) throw new WorkflowException("invalid-input", $"Message names starting with 'wf:' are the engine's own; '{name}' cannot be sent.");
        try
        {
            return await StepAsync(actor, async session =>
            {
                var values = Values.ToObject(payload);
                return await TryDeliverAsync(session, name, correlationKey, values, ct) ?? StoreMessage(session, name, correlationKey, values, timeToLive);
            }, ct);
        }
        catch (StepFailedException e)
        {
            if (await RecordIncidentOnCatchAsync(name, correlationKey, e, ct) is not { } waiting) throw;
            return new MessageOutcome(MessageDelivery.Failed, waiting.InstanceId);
        }
    }

    private static MessageOutcome StoreMessage(StepSession session, string name, string? key, JsonObject values, TimeSpan? timeToLive)
    {
        session.Db.PendingMessages.Add(new PendingMessageRecord
        {
            Id = OrderedIds.Next(session.Now),
            Name = name,
            CorrelationKey = key,
            Payload = values.ToJsonString(),
            ReceivedAt = session.Now,
            ExpiresAt = timeToLive is { } ttl ? session.Now + ttl : null,
        });
        return new MessageOutcome(MessageDelivery.Stored, null);
    }

    /// <summary>
    /// A message of <paramref name="name"/> and <paramref name="key"/> failed the step of the catch it resumes (the oldest waiting):
    /// the incident goes on that catch's instance, naming the element at fault. Returns the catch; null when none waits, the message
    /// having failed the first step of the instance it starts: that is an incident too, of no instance (see
    /// <see cref="RecordStartFailureAsync"/>), or the pathway that never started would be seen nowhere.
    /// </summary>
    private async Task<BookmarkRecord?> RecordIncidentOnCatchAsync(string name, string? key, Exception error, CancellationToken ct)
    {
        BookmarkRecord? waiting;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            waiting = await db.Bookmarks.AsNoTracking()
                .Where(b => b.Kind == BookmarkKind.Message && b.MessageName == name && b.CorrelationKey == key)
                .OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).FirstOrDefaultAsync(ct);
        if (waiting is not null) await RecordIncidentAsync(waiting.InstanceId, waiting.ElementId, waiting.Id, error, ct);
        else await RecordStartFailureAsync(error, ct);
        return waiting;
    }

    /// <summary>How many thrown messages may follow from one another before the chain is cut: a model whose messages start or
    /// resume instances that throw again (a message start event's instance throwing its own message) would never stop.</summary>
    private const int MaxMessageChain = 64;

    private static readonly AsyncLocal<int> MessageChain = new();

    /// <summary>
    /// Delivers a message that was stored (thrown by an instance, or received early) if something now waits for it. A message thrown
    /// after <see cref="MaxMessageChain"/> others that followed from one another is not delivered: it is dropped and an incident on
    /// its <paramref name="thrower"/> says the model sends messages in a loop.
    /// </summary>
    internal async Task DeliverStoredMessageAsync(Guid messageId, CancellationToken ct, (Guid InstanceId, string ElementType, string ElementId)? thrower = null)
    {
        if (MessageChain.Value >= MaxMessageChain && thrower is { } looping)
        {
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
                await db.PendingMessages.Where(m => m.Id == messageId).ExecuteDeleteAsync(ct);
            LogMessageChainCut(logger, messageId, MaxMessageChain);
            await RecordIncidentAsync(looping.InstanceId, looping.ElementId, null, new StepFailedException("message-chain", looping.ElementType, looping.ElementId,
                $"the message it threw was not delivered: {MaxMessageChain} messages had already followed from one another; the model sends messages in a loop"), ct);
            return;
        }
        MessageChain.Value++;
        try
        {
            await DeliverStoredMessageOnceAsync(messageId, ct);
        }
        finally
        {
            MessageChain.Value--;
        }
    }

    private async Task DeliverStoredMessageOnceAsync(Guid messageId, CancellationToken ct)
    {
        try
        {
            await StepAsync(null, async session =>
            {
                var message = await session.Db.PendingMessages.FirstOrDefaultAsync(m => m.Id == messageId, ct);
                if (message is null) return false;
                session.Effects.MessagesConsumed.Add(message.Id); // the catch it reaches may re-arm; it must not take this message twice
                var outcome = await TryDeliverAsync(session, message.Name, message.CorrelationKey,
                    JsonNode.Parse(message.Payload) as JsonObject ?? new JsonObject(), ct);
                if (outcome is null) return false;
                session.Db.PendingMessages.Remove(message);
                return true;
            }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeliveryFailed(logger, messageId, e);
            await RecordDeliveryIncidentAsync(messageId, e, ct);
        }
    }

    /// <summary>
    /// A stored message whose delivery step failed stays stored; the instance waiting for it gets an incident on
    /// the element at fault, whose retry delivers the message again.
    /// </summary>
    private async Task RecordDeliveryIncidentAsync(Guid messageId, Exception error, CancellationToken ct)
    {
        PendingMessageRecord? message;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            message = await db.PendingMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, ct);
        if (message is not null) await RecordIncidentOnCatchAsync(message.Name, message.CorrelationKey, error, ct);
    }

    /// <summary>Retries delivery of every stored message; the reconciler calls it so a crash between commit and delivery loses nothing.</summary>
    public async Task<int> DeliverStoredMessagesAsync(CancellationToken ct = default)
    {
        List<Guid> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            ids = await db.PendingMessages.AsNoTracking().OrderBy(m => m.ReceivedAt).Select(m => m.Id).ToListAsync(ct);
        foreach (var id in ids) await DeliverStoredMessageAsync(id, ct);
        return ids.Count;
    }

    private async Task<MessageOutcome?> TryDeliverAsync(StepSession session, string name, string? key, JsonObject payload, CancellationToken ct)
    {
        var target = await session.Db.Bookmarks.AsNoTracking()
            .Where(b => b.Kind == BookmarkKind.Message && b.MessageName == name && b.CorrelationKey == key)
            .OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).Select(b => new { b.Id, b.InstanceId }).FirstOrDefaultAsync(ct);
        if (target is not null)
        {
            var execution = await session.LoadAsync(target.InstanceId, ct);
            var bookmark = execution.Bookmarks.First(b => b.Id == target.Id);
            await execution.ResumeAsync(bookmark, payload, ct);
            return new MessageOutcome(MessageDelivery.Delivered, target.InstanceId);
        }
        if (name == WellKnownMessages.CallActivityCompleted) return null;
        var publishedIds = await session.Db.Definitions.AsNoTracking()
            .Where(d => d.State == DefinitionState.Published).Select(d => d.Id).ToListAsync(ct);
        foreach (var id in publishedIds)
        {
            var definition = await definitions.GetAsync(session.Db, id, ct);
            var start = definition.Model.Elements.FirstOrDefault(e => e.Kind == ElementKind.StartEvent && e.ParentId is null
                && e.Message?.MessageName == name);
            if (start is null) continue;
            try
            {
                var instanceId = await StartInSessionAsync(session, definition, payload, key, start.Id, ct);
                return new MessageOutcome(MessageDelivery.Started, instanceId);
            }
            catch (StepFailedException e)
            {
                // No instance is left to carry the incident: it names the process the message could not start.
                throw new StepFailedException(e.Code, e.ElementType, e.ElementId,
                    $"process '{definition.Key}' (version {definition.Version}) could not start on message '{name}': {e.Reason}", e);
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stored message {MessageId} was not delivered: {Limit} messages already followed from one another; the model sends messages in a loop")]
    private static partial void LogMessageChainCut(ILogger logger, Guid messageId, int limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering stored message {MessageId} failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid messageId, Exception e);
}
