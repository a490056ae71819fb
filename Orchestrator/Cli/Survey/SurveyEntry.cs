namespace Orchestrator.Cli.Survey;

/// <summary>Why a public file does not run here, as <c>survey</c> counts it.</summary>
internal enum FailureKind
{
    /// <summary>It ran to an end.</summary>
    None,
    /// <summary>Every process is marked isExecutable="false" (a mature engine deploys nothing of it either), or there is no process.</summary>
    NotExecutable,
    /// <summary>Java classes, JUEL or FEEL conditions, scripts, cron timers: what the other engine evaluates in its own language.</summary>
    ExpressionDialect,
    /// <summary>An element or attribute the engine refuses by design (compensation, complex gateways, conditional events…).</summary>
    UnsupportedElement,
    /// <summary>Refused for a rule of the specification or of the engine: the file breaks it, or the rule is stricter than it needs to be.</summary>
    Refused,
    /// <summary>Accepted, but the run ended in an incident or a refused step.</summary>
    Incident,
    /// <summary>Accepted, but the run stopped with nothing left to do before an end (waiting for a message nobody sends) or looped to the step cap.</summary>
    Stuck,
    /// <summary>The engine threw where it should have refused or reported: a bug.</summary>
    Crash,
}

/// <summary>One policy's run of a file: how it ended, the end events it reached, its incidents.</summary>
internal sealed record SurveyRun(string Policy, string Outcome, IReadOnlyList<string> EndEvents, IReadOnlyList<string> Incidents)
{
    public bool Ended => Outcome is "completed" or "terminated";
}

/// <summary>
/// What <c>survey</c> found for one file (or, with <c>--all-processes</c>, one process of a file): whether it runs as it is,
/// runs once another engine's expressions are set aside, or why not.
/// </summary>
/// <param name="Unit">The file's path under the surveyed folder, with <c>#processId</c> when each process is run alone.</param>
/// <param name="Executable">It has a process to run (not marked isExecutable="false", or <c>--all-processes</c>).</param>
/// <param name="AcceptedAsIs">The validator accepts the file as it is.</param>
/// <param name="SetAside">What was set aside for the second try (empty when the file ran as it is or nothing could be).</param>
/// <param name="Reasons">The validator's problems, the incidents or the crash, whichever stopped it.</param>
/// <param name="AcceptedAside">The validator accepts the file once <paramref name="SetAside"/> is set aside.</param>
/// <param name="Runs">The runs tried, one per simulation policy.</param>
/// <param name="Failure">What kind of failure stopped it, if any.</param>
internal sealed record SurveyEntry(string Unit, bool Executable, bool AcceptedAsIs, bool AcceptedAside, IReadOnlyList<string> SetAside,
    IReadOnlyList<SurveyRun> Runs, FailureKind Failure, IReadOnlyList<string> Reasons)
{
    public bool RanAsIs => AcceptedAsIs && SetAside.Count == 0 && Failure == FailureKind.None;

    public bool RanAside => SetAside.Count > 0 && Failure == FailureKind.None;

    public bool Ran => Failure == FailureKind.None;

    /// <summary>One line: the unit, the verdict, and the end events reached or the first reason.</summary>
    public string Describe()
    {
        var verdict = Failure switch
        {
            FailureKind.None => RanAsIs ? "ran" : "ran, expressions aside",
            FailureKind.NotExecutable => "not executable",
            FailureKind.ExpressionDialect => "refused: expression dialect",
            FailureKind.UnsupportedElement => "refused: unsupported element",
            FailureKind.Refused => "refused",
            FailureKind.Incident => "incident",
            FailureKind.Stuck => "stuck",
            _ => "crash",
        };
        // No end event: the last activities had no outgoing flow (an implicit end, which the specification allows and Camunda ends the same way).
        var ends = Runs.Where(r => r.Ended)
            .Select(r => $"{r.Policy} → {(r.EndEvents.Count == 0 ? "(implicit end)" : string.Join(",", r.EndEvents))}").ToList();
        var detail = Failure == FailureKind.None
            ? string.Join("; ", ends) + (SetAside.Count > 0 ? $" [{SetAside.Count} set aside]" : "")
            : Reasons.FirstOrDefault() ?? "";
        return $"{Unit}\t{verdict}\t{detail}";
    }
}
