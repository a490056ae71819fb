namespace Orchestrator.Application.Consents;

/// <summary>How long a consent to share lasts unless it says less.</summary>
public sealed class ConsentOptions
{
    /// <summary>
    /// Calendar months (counted in UTC from the moment it is recorded) after which a consent to share expires; 12 by default,
    /// so that the person is asked again each year. Setting <c>Orchestrator:Consents:ValidityMonths</c>.
    /// </summary>
    public int ValidityMonths { get; set; } = 12;
}
