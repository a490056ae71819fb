using System.Globalization;
using Orchestrator.Workflows.Extensibility;
using Orchestrator.Workflows.Timing;

namespace Orchestrator.Activities.Deadlines;

/// <summary>
/// Computes a calendar deadline and the date a reminder is due before it, into two variables
/// (<c>name</c> and <c>nameNotice</c>) that <c>timeDate</c> timers and forms then read. This is how a
/// renewal task opens a week before a stay ends, whatever the length of the stay.
/// </summary>
[Activity("PlanDeadline", "Calculer une échéance", Description = "Calcule une échéance calendaire et la date de rappel qui la précède.")]
[ActivityInput("name", "Variable de l'échéance", Required = true)]
[ActivityInput("duration", "Durée", Required = true, Description = "Durée ISO 8601 : P2M, P1Y…")]
[ActivityInput("from", "Point de départ", Description = "Date ISO 8601 ; maintenant par défaut")]
[ActivityInput("lead", "Préavis", Description = "Durée ISO 8601 avant l'échéance où le rappel est dû ; aucun par défaut")]
[ActivityInput("restartWhenPast", "Repartir de la décision si le départ est passé",
    Description = "true : un point de départ déjà passé (renouvellement décidé en retard) est remplacé par maintenant, pour ne pas ouvrir une période déjà échue")]
[ActivityInput("until", "Échéance choisie",
    Description = "Date choisie dans un formulaire (fin de la nouvelle période) : l'échéance tombe ce jour-là, à l'heure du point de départ ; une date qui n'est pas après le point de départ (restée d'un passage précédent) est ignorée")]
public sealed class PlanDeadline : IActivity
{
    /// <summary>
    /// Writes the deadline to variable <c>name</c> and the reminder date to <c>nameNotice</c>, both ISO 8601 date-times with offset;
    /// durations are calendar ones (P2M adds two calendar months) in the instance's time zone.
    /// </summary>
    /// <exception cref="InvalidOperationException">An input is missing or is not an ISO 8601 date or duration; the step fails naming the task.</exception>
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var name = context.RequiredInput("name");
        var from = context.Input("from") is { Length: > 0 } text
            ? TimerValue.TryParseDate(text, context.TimeZone, out var date) ? date : throw new InvalidOperationException($"Input 'from' is '{text}', not an ISO 8601 date.")
            : context.Now;
        // A renewal decided after the planned end: the new period runs from the decision, or it would already be over
        // and raise its overstay alert the very second the doctor renewed it.
        if (context.Input("restartWhenPast") == "true" && from < context.Now) from = context.Now;
        var duration = Parse(context, "duration") ?? throw new InvalidOperationException("Input 'duration' is required.");
        var due = Until(context, from) ?? Add(duration, from, context, "duration");
        var notice = Parse(context, "lead") is { } lead
            ? Add(new IsoDuration(-lead.Years, -lead.Months, -lead.Days, -lead.Time), due, context, "lead")
            : due;
        return ValueTask.FromResult(ActivityResult.Done(new Dictionary<string, object?>
        {
            [name] = due.ToString("O", CultureInfo.InvariantCulture),
            [name + "Notice"] = notice.ToString("O", CultureInfo.InvariantCulture),
        }));
    }

    /// <summary>
    /// The day a person chose at the time of day of <paramref name="from"/> in the zone; null when none was chosen or the day is not
    /// after the start. The day is read as ISO 8601 only (« 10/04/2026 » is refused, not read as 4 October): a form's date (midnight
    /// UTC) is that calendar day whatever the zone, a day alone is that day, and any other instant is its day in the zone (a
    /// deadline another PlanDeadline wrote, 2026-04-11T00:30:00+02:00, is the 11th, as a timer reading it says).
    /// </summary>
    /// <exception cref="InvalidOperationException">The input is not an ISO 8601 date or date-time.</exception>
    private static DateTimeOffset? Until(ActivityContext context, DateTimeOffset from)
    {
        if (context.Input("until") is not { Length: > 0 } text) return null;
        if (!TimerValue.TryParseDate(text, context.TimeZone, out var chosen))
            throw new InvalidOperationException($"Input 'until' is '{text}', not an ISO 8601 date.");
        var start = NodaTime.Instant.FromDateTimeOffset(from).InZone(context.TimeZone);
        var day = chosen.Offset == TimeSpan.Zero && chosen.TimeOfDay == TimeSpan.Zero
            ? NodaTime.LocalDate.FromDateTime(chosen.UtcDateTime)
            : NodaTime.Instant.FromDateTimeOffset(chosen).InZone(context.TimeZone).Date;
        if (day <= start.Date) return null;
        return context.TimeZone.ResolveLocal(day + start.TimeOfDay, NodaTime.TimeZones.Resolvers.LenientResolver).ToDateTimeOffset();
    }

    /// <summary><paramref name="duration"/> after <paramref name="start"/> in the zone's calendar.</summary>
    /// <exception cref="InvalidOperationException">The date would lie beyond the calendar (before year 1 or after 9999), naming the input.</exception>
    private static DateTimeOffset Add(IsoDuration duration, DateTimeOffset start, ActivityContext context, string input) =>
        duration.TryAddTo(start, context.TimeZone, out var end) ? end
            : throw new InvalidOperationException($"Input '{input}' is '{context.Input(input)}': from {NodaTime.Instant.FromDateTimeOffset(start).InZone(context.TimeZone).Date:yyyy-MM-dd} it reaches beyond the dates a calendar holds (year 9999).");

    private static IsoDuration? Parse(ActivityContext context, string input) => context.Input(input) is { Length: > 0 } text
        ? IsoDuration.TryParse(text, out var duration) ? duration : throw new InvalidOperationException($"Input '{input}' is '{text}', not an ISO 8601 duration.")
        : null;
}
