using NodaTime;

namespace Orchestrator.Cli.Scenarios;

/// <summary>
/// What is left to happen in a scenario as a dry run plays it: each task's answers not yet given, the messages not yet
/// published and the handoff answers not yet used. Days become instants in the structure's zone: day n is the start's
/// local date + n calendar days at the start's wall-clock time (a time the spring change skips moves forward).
/// </summary>
internal sealed class ScenarioPlayer(Scenario scenario, DateTimeOffset start, DateTimeZone zone)
{
    private readonly Dictionary<string, List<TaskAnswer>> _answers =
        scenario.Tasks.ToDictionary(t => t.Key, t => new List<TaskAnswer>(t.Value));
    private readonly Queue<ScenarioMessage> _messages = new(scenario.Messages.OrderBy(m => m.Day));
    private readonly Queue<HandoffAnswer> _handoffs = new(scenario.Handoffs);
    private readonly LocalDateTime _start = Instant.FromDateTimeOffset(start).InZone(zone).LocalDateTime;

    public Scenario Scenario => scenario;

    /// <summary>Whether the scenario speaks for this task; a task it does not name is answered at once with defaults.</summary>
    public bool Names(string taskId) => _answers.ContainsKey(taskId);

    /// <summary>The answers to <paramref name="taskId"/> not yet given, in the scenario's order.</summary>
    public IReadOnlyList<TaskAnswer> AnswersLeft(string taskId) => _answers.TryGetValue(taskId, out var left) ? left : [];

    /// <summary>Marks <paramref name="answer"/>, one of <see cref="AnswersLeft"/>, as given.</summary>
    public void AnswerGiven(string taskId, TaskAnswer answer) => _answers[taskId].Remove(answer);

    public ScenarioMessage? NextMessage => _messages.Count > 0 ? _messages.Peek() : null;

    public void MessageSent() => _messages.Dequeue();

    /// <summary>The messages not sent yet (the run may end before their day).</summary>
    public IReadOnlyCollection<ScenarioMessage> MessagesLeft => _messages;

    public HandoffAnswer? NextHandoffAnswer => _handoffs.Count > 0 ? _handoffs.Peek() : null;

    public void HandoffAnswered() => _handoffs.Dequeue();

    /// <summary>The instant of day <paramref name="day"/>.</summary>
    public DateTimeOffset At(int day) => _start.PlusDays(day).InZoneLeniently(zone).ToInstant().ToDateTimeOffset();

    /// <summary>The day (0 = the start's local date) on which <paramref name="instant"/> falls in the zone.</summary>
    public int DayOf(DateTimeOffset instant) => DayOf(instant, _start, zone);

    public static int DayOf(DateTimeOffset instant, LocalDateTime start, DateTimeZone zone) =>
        Period.Between(start.Date, Instant.FromDateTimeOffset(instant).InZone(zone).Date, PeriodUnits.Days).Days;
}
