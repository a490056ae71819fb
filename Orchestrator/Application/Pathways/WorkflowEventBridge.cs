using Orchestrator.Application.Messaging;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Application.Pathways;

/// <summary>
/// Turns committed workflow events into domain commands, each event (or each batch of one episode's events the outbox hands
/// over together) in its own scope and unit of work. An event whose application
/// lost a race with another transaction on the same rows (a background job resolving the same alert, another node) saved
/// nothing, so it is applied again on the fresh state, a few times, before the failure goes back to the outbox, which keeps
/// the event and tries again later.
/// </summary>
public sealed partial class WorkflowEventBridge(IServiceScopeFactory scopes, ILogger<WorkflowEventBridge> logger) : IWorkflowEventSink
{
    /// <summary>How many times an event is applied when it keeps losing races, before the outbox takes over.</summary>
    public const int Attempts = 3;

    /// <inheritdoc/>
    public Task HandleAsync(WorkflowEvent workflowEvent, CancellationToken ct) => ApplyAsync([workflowEvent], ct);

    /// <inheritdoc/>
    /// <remarks>
    /// The events go in one scope, each saved on its own: one read of the episode, one reload of open screens. An event that lost
    /// a race is applied again with those after it, not those before it.
    /// </remarks>
    public Task HandleAsync(IReadOnlyList<WorkflowEvent> events, CancellationToken ct) => ApplyAsync(events, ct);

    private async Task ApplyAsync(IReadOnlyList<WorkflowEvent> events, CancellationToken ct)
    {
        var applied = 0; // of a batch, the events applied by the attempts before: a retry goes on from the one that lost its race
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await scopes.SendAsAsync(null, new ApplyWorkflowEventCommand(applied == 0 ? events : events.Skip(applied).ToList()), ct);
                return;
            }
            catch (EventBatchStoppedException e)
            {
                applied += e.Applied;
                if (attempt >= Attempts || !ConcurrentChangeException.IsLostRace(e.InnerException!)) throw new EventBatchStoppedException(applied, e.InnerException!);
                LogRetried(logger, events[applied].Type, events[applied].InstanceId, attempt);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (attempt < Attempts && ConcurrentChangeException.IsLostRace(e))
                {
                    LogRetried(logger, events[applied].Type, events[applied].InstanceId, attempt);
                    continue;
                }
                // The last of a batch's events, retried alone, still failed: the ones an earlier attempt applied stay counted.
                if (applied > 0) throw new EventBatchStoppedException(applied, e);
                throw;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow event {Type} of instance {InstanceId} met a concurrent change (attempt {Attempt}); applied again")]
    private static partial void LogRetried(ILogger logger, string type, Guid instanceId, int attempt);
}
