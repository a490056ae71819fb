using System.Text.Json.Nodes;
using NodaTime;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Timing;

namespace Orchestrator.Workflows.Engine;

/// <summary>
/// The dates a date field accepts, resolved for one instance at one moment, in the workflow's time zone. Null where nothing
/// applies (no bound, or a bound whose variable is absent or empty).
/// </summary>
/// <param name="Earliest">The latest of the field's <c>min</c> bounds: the date may not be before it.</param>
/// <param name="Latest">The earliest of the field's <c>max</c> bounds and of <c>within</c> after <paramref name="Earliest"/>.</param>
/// <param name="Suggested">What the form offers: <c>suggested</c> after <paramref name="Earliest"/>, never past <paramref name="Latest"/>.</param>
public sealed record DateWindow(DateTimeOffset? Earliest, DateTimeOffset? Latest, DateTimeOffset? Suggested);

/// <summary>
/// Resolves the bounds of a task's date fields (<see cref="FormField.Min"/>, <see cref="FormField.Max"/>, <see cref="FormField.Within"/>,
/// <see cref="FormField.Suggested"/>) against an instance's variables at <paramref name="now"/>, in <paramref name="zone"/>: the one place
/// the form that offers the dates and the validator that checks them both read, so they cannot disagree.
/// </summary>
public sealed class DateBounds(JsonObject variables, DateTimeOffset now, DateTimeZone zone)
{
    /// <summary>The workflow's zone: a date-time written without offset is its wall-clock time.</summary>
    public DateTimeZone Zone => zone;

    /// <summary>A single bound: <c>now</c>, or the instance's date variable named by <c>${variable}</c> (null when absent or empty).</summary>
    public DateTimeOffset? Bound(string bound)
    {
        DateTimeOffset? value = bound == "now" ? now
            : Text(bound) is { } text && ZonedDates.TryParse(text, zone, out var date) ? date : null;
        return value is { } d ? Instant.FromDateTimeOffset(d).InZone(zone).ToDateTimeOffset() : null;
    }

    /// <summary>
    /// <paramref name="start"/> plus <paramref name="length"/> (an ISO 8601 duration, or <c>${variable}</c> holding one) on the calendar of
    /// the zone: two months after 31 December is the last day of February. Null when the length is absent, not a duration, or beyond
    /// the calendar.
    /// </summary>
    public DateTimeOffset? After(DateTimeOffset start, string length)
    {
        var text = length.StartsWith("${", StringComparison.Ordinal) ? Text(length) : length;
        return IsoDuration.TryParse(text, out var duration) && duration.TryAddTo(start, zone, out var end)
            ? Instant.FromDateTimeOffset(end).InZone(zone).ToDateTimeOffset() : null;
    }

    /// <summary>The window of <paramref name="field"/> (see <see cref="DateWindow"/>).</summary>
    public DateWindow WindowOf(FormField field)
    {
        var earliest = Each(field.Min).Max();
        var latest = Each(field.Max).Min();
        if (earliest is { } start && field.Within is { } within && After(start, within) is { } limit && (latest is null || limit < latest))
            latest = limit;
        var suggested = earliest is { } from && field.Suggested is { } suggestion ? After(from, suggestion) : null;
        if (suggested is { } s && latest is { } l && s > l) suggested = l;
        return new DateWindow(earliest, latest, suggested);
    }

    private IEnumerable<DateTimeOffset?> Each(string? bounds) =>
        (bounds is null ? [] : FormField.SplitBound(bounds)).Select(Bound).Where(b => b is not null);

    private string? Text(string reference) =>
        reference.Length > 3 && variables[reference[2..^1]] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
