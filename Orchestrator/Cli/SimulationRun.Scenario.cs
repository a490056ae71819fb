using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Activities;
using Orchestrator.Cli.Scenarios;
using Orchestrator.Workflows.Definitions;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Model;

namespace Orchestrator.Cli;

/// <summary>An alert a dry run raised: its risk type and severity, the FlagRisk element, the day (0 = the start's date) and instant.</summary>
public sealed record SimulatedAlert(int Day, string RiskType, string Severity, string ElementId, DateTimeOffset At);

internal sealed partial class SimulationRun
{
    /// <summary>The scenario's messages nothing waited for when sent (not kept, as the app keeps none): day, name and key.</summary>
    private readonly List<(int Day, string Name, string? Key)> _messagesNotAwaited = new();
    // Scenario handoff answers to a proposal nothing waited for any more (its step was cancelled with its scope): day and handoff.
    private readonly List<(int Day, string HandoffId)> _answersToWithdrawn = new();

    /// <summary>Handoffs proposed and not yet answered by the scenario, in the order they were proposed.</summary>
    private readonly Queue<(DateTimeOffset ProposedAt, string HandoffId)> _proposals = new();

    /// <summary>
    /// One move of a scenario: a task it does not name is answered at once; otherwise the earliest of the next timer,
    /// the next answer to an open task, the next message and the next handoff answer happens, the clock moving to it.
    /// </summary>
    private async Task<bool> PlayScenarioAsync(DateTimeOffset notAfter)
    {
        var player = _player!;
        var open = await OpenTasksAsync();
        if (open.FirstOrDefault(t => !player.Names(t.ElementId)) is { } unnamed)
        {
            await CompleteAsync(unnamed, await ValuesForAsync(unnamed));
            return true;
        }
        var now = clock.GetUtcNow();
        DateTimeOffset When(int day, DateTimeOffset? notBefore = null) => new[] { now, player.At(day), notBefore ?? now }.Max();
        var moves = new List<(DateTimeOffset When, Func<Task> Act)>();
        // The open tasks of one id take its answers left in the order they opened: the k-th open task the k-th answer, each on that
        // answer's day. Three instances of a loop opened together are answered each on its own day; one task at a time (a renewal
        // opened again) takes the answers one after the other. An answer is used only when given.
        foreach (var sameId in open.GroupBy(t => t.ElementId))
        {
            var answers = player.AnswersLeft(sameId.Key);
            foreach (var (task, answer) in sameId.Zip(answers))
                moves.Add((When(answer.Day), async () =>
                {
                    player.AnswerGiven(sameId.Key, answer);
                    await CompleteAsync(task, await ValuesForAsync(task, answer.Values));
                }));
        }
        if (player.NextMessage is { } message)
            moves.Add((When(message.Day), async () =>
            {
                player.MessageSent();
                // Delivered as the app delivers what people send (an interruption of stay, a handoff's answer): to a catch waiting
                // for it then, never kept for one that comes later, which the app refuses (409) rather than surprise a later stay
                // with. One nothing waited for is said at the end (a misspelt name, a day too early, would otherwise pass unseen).
                // A catch that could not go on with it left an incident on its instance, reported with the others at the end.
                if (await DeliverAsync(message.Name, message.CorrelationKey, message.Payload) is { Delivery: MessageDelivery.NotAwaited })
                    _messagesNotAwaited.Add((message.Day, message.Name, message.CorrelationKey));
            }));
        if (player.NextHandoffAnswer is { } handoff && _proposals.TryPeek(out var proposal))
            moves.Add((When(handoff.Day, proposal.ProposedAt), async () =>
            {
                player.HandoffAnswered();
                _proposals.Dequeue();
                if (handoff.Answer == HandoffAnswer.None) return; // this structure never answers: the proposal waits for its deadline
                // As the host: an answer reaches the pathway only while it waits for it; a proposal whose step was cancelled is closed.
                var delivered = await DeliverAsync(ActivityEvents.HandoffAnswered, proposal.HandoffId, new Dictionary<string, object?> { ["handoffAnswer"] = handoff.Answer });
                if (delivered?.Delivery == MessageDelivery.NotAwaited) _answersToWithdrawn.Add((handoff.Day, proposal.HandoffId));
                else if (delivered is not null) _handoffsAnswered++;
            }));
        var timer = await NextHealthyTimerDueAsync();
        if (timer is { } due && due <= notAfter && (moves.Count == 0 || due <= moves.Min(m => m.When)))
            return await FireNextTimerAsync();
        if (moves.Count == 0) return false;
        var next = moves.OrderBy(m => m.When).First(); // stable: between answers due at the same instant, document order decides
        clock.JumpTo(next.When);
        await next.Act();
        return true;
    }

    /// <summary>
    /// Delivers a message as the app does (<see cref="WorkflowEngine.DeliverIfAwaitedAsync"/>); null when the catch waiting for it
    /// could not go on with it (the step was rolled back into an incident on its instance, which the run reports).
    /// </summary>
    private async Task<MessageOutcome?> DeliverAsync(string name, string? correlationKey, IReadOnlyDictionary<string, object?>? payload)
    {
        try
        {
            return await host.Get<WorkflowEngine>().DeliverIfAwaitedAsync(name, correlationKey, payload, actor: "simulation");
        }
        catch (StepFailedException)
        {
            return null;
        }
    }

    /// <summary>
    /// What the scenario answers that no deployed definition of this run has: task ids that are no user task, and answers naming a
    /// field the task does not have (a misspelt « decison » would be dropped, and a required field answered with its default).
    /// </summary>
    private async Task<List<string>> UnknownAnswersAsync(Scenario played)
    {
        await using var db = await Db();
        var fields = new Dictionary<string, HashSet<string>>();
        foreach (var id in await db.Definitions.AsNoTracking().Select(d => d.Id).ToListAsync())
            foreach (var element in (await host.Get<DefinitionCache>().GetAsync(db, id, default)).Model.DocumentOrder)
                if (element.Kind == ElementKind.UserTask)
                    (fields.TryGetValue(element.Id, out var names) ? names : fields[element.Id] = []).UnionWith(element.Fields.Select(f => f.Name));
        var unknown = played.Tasks.Keys.Where(k => !fields.ContainsKey(k)).Select(k => $"task '{k}' (no user task has that id)").ToList();
        foreach (var (taskId, answers) in played.Tasks.Where(t => fields.ContainsKey(t.Key)))
            foreach (var (answer, index) in answers.Select((a, i) => (a, i)))
                foreach (var name in answer.Values.Keys.Where(n => !fields[taskId].Contains(n)))
                    unknown.Add($"task '{taskId}' answer {index + 1}: '{name}' is no field of the task ({(fields[taskId].Count == 0 ? "it has none" : "its fields: " + string.Join(", ", fields[taskId].Order(StringComparer.Ordinal)))})");
        return unknown;
    }

    /// <summary>The days the scenario names that fall beyond the calendar (after 31 December 9999) from the run's start.</summary>
    private IEnumerable<int> DaysBeyondCalendar(Scenario played) =>
        played.Tasks.Values.SelectMany(a => a.Select(x => x.Day)).Concat(played.Messages.Select(m => m.Day)).Concat(played.Handoffs.Select(h => h.Day))
            .Distinct().Where(day =>
            {
                try { _player!.At(day); return false; }
                catch (ArgumentOutOfRangeException) { return true; }
            });
}
