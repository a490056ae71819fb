namespace Orchestrator.Domain.Pathways;

/// <summary>
/// Why a stay is interrupted without ending: the person is away for a while and the place is kept (domain notes §3.1:
/// interruptions suspend the stay and its deadlines instead of ending it). Coded, so reports can count them.
/// </summary>
public enum InterruptionCause
{
    /// <summary>A stay in hospital.</summary>
    Hospitalisation,
    /// <summary>Time in prison.</summary>
    Incarceration,
    /// <summary>Any other absence.</summary>
    Other,
}

/// <summary>French labels of <see cref="InterruptionCause"/>.</summary>
public static class InterruptionCauseLabels
{
    /// <summary>The French label of <paramref name="cause"/>.</summary>
    public static string Label(this InterruptionCause cause) => cause switch
    {
        InterruptionCause.Hospitalisation => "Hospitalisation",
        InterruptionCause.Incarceration => "Incarcération",
        _ => "Autre absence",
    };
}
