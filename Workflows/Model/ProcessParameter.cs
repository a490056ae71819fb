using Orchestrator.Workflows.Timing;

namespace Orchestrator.Workflows.Model;

/// <summary>
/// A value the process reads from its variables (a deadline, usually) whose default the BPMN file
/// declares with <c>orc:parameter</c>. The host may override it per device within the bounds the file
/// declares: <see cref="Min"/> and <see cref="Max"/> (ISO 8601 durations, duration parameters only) and the
/// <see cref="Source"/> of the rule that sets them (a legal reference such as « CASF D312-176-2 »).
/// </summary>
public sealed record ProcessParameter(string Name, string? Label, ProcessParameterType Type, string DefaultValue,
    string? Min = null, string? Max = null, string? Source = null)
{
    /// <summary>
    /// True when <paramref name="value"/> can end before <see cref="Min"/> would from the same start in <paramref name="zone"/>
    /// (see <see cref="IsoDuration.NeverLongerThan"/>); false without a lower bound.
    /// </summary>
    public bool IsBelowMin(IsoDuration value, NodaTime.DateTimeZone zone) => Min is not null && !IsoDuration.Parse(Min).NeverLongerThan(value, zone);

    /// <summary>
    /// True when <paramref name="value"/> can end after <see cref="Max"/> would from the same start: <c>P61D</c> is over
    /// <c>P2M</c> (after 31 January, two months end on 31 March), <c>P8W</c> is not, and in Europe/Paris <c>PT24H</c> is over
    /// <c>P1D</c> (the spring change's day lasts 23 hours); false without an upper bound.
    /// </summary>
    public bool IsAboveMax(IsoDuration value, NodaTime.DateTimeZone zone) => Max is not null && !value.NeverLongerThan(IsoDuration.Parse(Max), zone);
}
