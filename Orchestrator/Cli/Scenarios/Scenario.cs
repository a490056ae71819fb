namespace Orchestrator.Cli.Scenarios;

/// <summary>
/// A named dry run of a shipped definition: who answers what and on which day. Days count calendar days in the
/// structure's time zone from the simulation's start (day 0), at the start's wall-clock time.
/// </summary>
/// <param name="Name">What <c>simulate --scenario</c> is given (e.g. <c>overstay</c>).</param>
/// <param name="Label">The French label the designer lists.</param>
/// <param name="Variables">Variables the instance starts with.</param>
/// <param name="Tasks">Per user task id, its answers in the order the task is opened: the first answers the first time it is
/// open, and so on. A task named here with no answer left stays open (nobody answers it); a task not named is answered at once
/// with the simulated user's defaults.</param>
/// <param name="Messages">Messages published on their day.</param>
/// <param name="Handoffs">Answers of the receiving structures, in the order the handoffs are proposed.</param>
/// <param name="Start">When the scenario's day 0 is, if its answers hold dates (e.g. a prescription's end); <c>--start</c> wins.</param>
public sealed record Scenario(
    string Name,
    string Label,
    IReadOnlyDictionary<string, object?> Variables,
    IReadOnlyDictionary<string, IReadOnlyList<TaskAnswer>> Tasks,
    IReadOnlyList<ScenarioMessage> Messages,
    IReadOnlyList<HandoffAnswer> Handoffs,
    DateTimeOffset? Start = null);

/// <summary>The values a person gives a task on a day (or when the task opens, if that is later).</summary>
public sealed record TaskAnswer(int Day, IReadOnlyDictionary<string, object?> Values);

/// <summary>A message published on a day, as the host would publish it (name, correlation key, payload).</summary>
public sealed record ScenarioMessage(int Day, string Name, string? CorrelationKey, IReadOnlyDictionary<string, object?> Payload);

/// <summary>
/// A receiving structure's answer to a proposed handoff: <c>accepted</c> or <c>refused</c> on a day (or when the handoff is
/// proposed, if later), or <c>none</c>: that structure never answers, and the proposal waits for its deadline.
/// </summary>
public sealed record HandoffAnswer(int Day, string Answer)
{
    /// <summary>The answer of a structure that never answers.</summary>
    public const string None = "none";
}
