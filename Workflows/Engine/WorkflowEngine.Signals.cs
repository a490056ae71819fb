using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Runtime;

namespace Orchestrator.Workflows.Engine;

public sealed partial class WorkflowEngine
{
    /// <summary>How many broadcasts may follow from one another (a catch whose path throws a signal again) before the chain is cut.</summary>
    private const int MaxSignalChain = 16;

    private static readonly AsyncLocal<int> SignalChain = new();

    /// <summary>
    /// Broadcasts a signal (BPMN 2.0 §10.5.5): every catch waiting for its name, in every instance, is triggered
    /// (each instance in its own step), and every published definition with a signal start event of that name
    /// starts an instance. A catch whose step fails gets an incident; the others are not held back.
    /// </summary>
    /// <returns>How many catches were triggered and instances started.</returns>
    public Task<int> BroadcastSignalAsync(string name, CancellationToken ct = default) => BroadcastSignalAsync(name, null, null, ct);

    /// <summary>
    /// As <see cref="BroadcastSignalAsync(string, CancellationToken)"/>, but not to the catches of <paramref name="heardInStep"/> (the
    /// thrower and its running callers), which heard it in the step that threw it, nor to <paramref name="armedLater"/>, the catches
    /// that step created after the throw, which were not listening when it happened.
    /// </summary>
    private async Task<int> BroadcastSignalAsync(string name, IReadOnlyCollection<Guid>? heardInStep, IReadOnlySet<Guid>? armedLater, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new WorkflowException("invalid-input", "A signal needs a name.");
        if (SignalChain.Value >= MaxSignalChain)
        {
            LogSignalChainCut(logger, name, MaxSignalChain);
            return 0;
        }
        SignalChain.Value++;
        try
        {
            return await StartOnSignalAsync(name, ct) + await TriggerCatchesAsync(name, heardInStep ?? [], armedLater, ct);
        }
        finally
        {
            SignalChain.Value--;
        }
    }

    private async Task<int> StartOnSignalAsync(string name, CancellationToken ct)
    {
        List<Guid> published;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            published = await db.Definitions.AsNoTracking().Where(d => d.State == DefinitionState.Published).Select(d => d.Id).ToListAsync(ct);
        var started = 0;
        foreach (var id in published)
        {
            try
            {
                started += await StepAsync(null, async session =>
                {
                    var definition = await definitions.GetAsync(session.Db, id, ct);
                    var start = definition.Model.Elements.FirstOrDefault(e => e.Kind == ElementKind.StartEvent && e.ParentId is null && e.SignalName == name);
                    if (start is null) return 0;
                    await StartInSessionAsync(session, definition, new System.Text.Json.Nodes.JsonObject(), null, start.Id, ct);
                    return 1;
                }, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSignalStartFailed(logger, name, id, e);
                string? process;
                await using (var db = await dbFactory.CreateDbContextAsync(ct))
                    process = await db.Definitions.AsNoTracking().Where(d => d.Id == id).Select(d => $"process '{d.Key}' (version {d.Version})").FirstOrDefaultAsync(ct);
                await RecordStartFailureAsync(e is StepFailedException f
                    ? new StepFailedException(f.Code, f.ElementType, f.ElementId, $"{process} could not start on signal '{name}': {f.Reason}", f)
                    : new WorkflowException("start-failed", $"{process} could not start on signal '{name}': {e.Message}", e), ct);
            }
        }
        return started;
    }

    private async Task<int> TriggerCatchesAsync(string name, IReadOnlyCollection<Guid> heardInStep, IReadOnlySet<Guid>? armedLater, CancellationToken ct)
    {
        var key = WellKnownMessages.SignalPrefix + name;
        List<BookmarkRecord> waiting;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            waiting = await db.Bookmarks.AsNoTracking().Where(b => b.Kind == BookmarkKind.Message && b.MessageName == key && !heardInStep.Contains(b.InstanceId))
                .OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).ToListAsync(ct);
        if (armedLater is { Count: > 0 }) waiting.RemoveAll(b => armedLater.Contains(b.Id));
        var triggered = 0;
        foreach (var instance in waiting.GroupBy(b => b.InstanceId))
            triggered += await ResumeWaitingAsync(instance.Key, instance.ToList(), ct);
        return triggered;
    }

    /// <summary>Resumes, in one step of their instance, the bookmarks still there; a failure is an incident on the first.</summary>
    private async Task<int> ResumeWaitingAsync(Guid instanceId, List<BookmarkRecord> bookmarks, CancellationToken ct)
    {
        try
        {
            return await StepAsync(null, async session =>
            {
                var execution = await session.LoadAsync(instanceId, ct);
                var resumed = 0;
                foreach (var waiting in bookmarks)
                {
                    // An earlier one may have ended the instance or withdrawn this catch (an event-based gateway, an interrupting boundary).
                    var bookmark = execution.Bookmarks.FirstOrDefault(b => b.Id == waiting.Id);
                    if (bookmark is null || execution.Record.Status != InstanceStatus.Running) continue;
                    await execution.ResumeAsync(bookmark, null, ct);
                    await ResolveIncidentsAsync(session.Db, bookmark.Id, session.Now, ct);
                    resumed++;
                }
                return resumed;
            }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordIncidentAsync(instanceId, bookmarks[0].ElementId, bookmarks[0].Id, e, ct);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Signal {Signal} could not start an instance of definition version {DefinitionId}")]
    private static partial void LogSignalStartFailed(ILogger logger, string signal, Guid definitionId, Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Signal {Signal} was not broadcast: {Limit} signals already followed from one another; the model throws signals in a loop")]
    private static partial void LogSignalChainCut(ILogger logger, string signal, int limit);
}
