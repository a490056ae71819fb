using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Workflows.Model;

namespace Orchestrator.Workflows.Engine;

/// <summary>
/// Checks the values given to complete a user task against its declared fields; unknown names are refused. Each error is
/// keyed by the field's name and says, in French, the field's label and what is expected.
/// </summary>
public static partial class TaskFormValidator
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$")]
    private static partial System.Text.RegularExpressions.Regex IsoDate();

    [System.Text.RegularExpressions.GeneratedRegex(@"(\.\d{9})\d+")]
    private static partial System.Text.RegularExpressions.Regex ExcessFraction();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The form fields of a task, from the JSON stored on its row (<c>wf_tasks.Fields</c>); empty for a task without fields.</summary>
    public static IReadOnlyList<FormField> ReadFields(string json) =>
        JsonSerializer.Deserialize<List<FormField>>(json, Json) ?? new List<FormField>();

    /// <summary>
    /// Validates <paramref name="values"/> against <paramref name="fields"/> and returns them normalised (dates in UTC,
    /// ISO 8601). <paramref name="bounds"/> resolves a date field's <c>min</c>, <c>max</c> and <c>within</c> against the
    /// instance (see <see cref="DateBounds"/>); without it, bounds are not checked.
    /// </summary>
    /// <exception cref="TaskInputException">Some value is missing, unknown or invalid; keyed by field name, in French.</exception>
    public static JsonObject Validate(IReadOnlyList<FormField> fields, JsonObject values, DateBounds? bounds = null)
    {
        var errors = new Dictionary<string, string>();
        var byName = fields.ToDictionary(f => f.Name);
        foreach (var (name, _) in values)
            if (!byName.ContainsKey(name)) errors[name] = $"{name} : cette tâche n'a pas ce champ";
        var clean = new JsonObject();
        foreach (var field in fields)
        {
            var value = values[field.Name];
            if (value is null || value.GetValueKind() == JsonValueKind.Null || (value.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetValue<string>())))
            {
                if (field.Required) errors[field.Name] = $"{field.Title} : une valeur est requise";
                continue;
            }
            var (ok, normalised, reason) = Check(field, value, bounds?.Zone);
            if (ok && field.Type == FormFieldType.Date && bounds is not null)
                (ok, reason) = CheckBounds(field, DateTimeOffset.Parse(normalised!.GetValue<string>(), CultureInfo.InvariantCulture), bounds,
                    value.GetValueKind() == JsonValueKind.String && DateOnly.TryParseExact(value.GetValue<string>().Trim(), "yyyy-MM-dd", out _));
            if (ok) clean[field.Name] = normalised;
            else errors[field.Name] = $"{field.Title} : {reason}";
        }
        if (errors.Count > 0) throw new TaskInputException(errors);
        return clean;
    }

    /// <remarks>
    /// A day given without a time (a form's date picker) is compared by calendar day in the workflow's zone: today is not « passée »,
    /// the last day a period may end on is offered whatever the time of day the period started, and a period cannot end on the day
    /// it starts. A date with a time is compared as an instant.
    /// </remarks>
    private static (bool Ok, string? Reason) CheckBounds(FormField field, DateTimeOffset date, DateBounds bounds, bool dayOnly)
    {
        var day = DateOnly.FromDateTime(date.UtcDateTime);
        static DateOnly DayOf(DateTimeOffset bound) => DateOnly.FromDateTime(bound.DateTime);
        string Shown(DateTimeOffset bound) => dayOnly ? bound.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : Show(bound);
        bool After(DateTimeOffset latest) => dayOnly ? day > DayOf(latest) : date > latest;
        foreach (var min in field.Min is { } mins ? FormField.SplitBound(mins) : [])
        {
            if (bounds.Bound(min) is not { } earliest) continue;
            if (dayOnly ? day < DayOf(earliest) : date < earliest)
                return (false, min == "now" ? "la date ne peut pas être passée" : $"la date doit être au plus tôt le {Shown(earliest)}");
            if (dayOnly && day == DayOf(earliest) && field.Within is not null)
                return (false, $"la période doit finir après le jour où elle commence, le {Shown(earliest)}");
        }
        foreach (var max in field.Max is { } maxes ? FormField.SplitBound(maxes) : [])
            if (bounds.Bound(max) is { } latest && After(latest))
                return (false, $"la date doit être au plus tard le {Shown(latest)}");
        // The legal maximum of a period runs from its start, the latest of the lower bounds.
        if (field.Within is not null && bounds.WindowOf(field) is { Earliest: { } start, Latest: { } limit } && After(limit))
            return (false, $"la date doit être au plus tard le {Shown(limit)}, la période commençant le {Shown(start)}");
        return (true, null);
    }

    private static string Show(DateTimeOffset date) => date.ToString("dd/MM/yyyy 'à' HH'h'mm", CultureInfo.InvariantCulture);

    private static (bool Ok, JsonNode? Value, string? Reason) Check(FormField field, JsonNode value, NodaTime.DateTimeZone? zone)
    {
        var kind = value.GetValueKind();
        var text = kind == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        switch (field.Type)
        {
            case FormFieldType.Text:
                return kind == JsonValueKind.String ? (true, JsonValue.Create(text), null) : (false, null, "un texte est attendu");
            case FormFieldType.Number:
                if (kind == JsonValueKind.Number) return (true, value.DeepClone(), null);
                // « Infinity » and « NaN » parse as doubles, but are no number a form means, nor one JSON can hold.
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
                    ? (true, JsonValue.Create(n), null) : (false, null, "un nombre est attendu");
            case FormFieldType.Boolean:
                if (kind is JsonValueKind.True or JsonValueKind.False) return (true, value.DeepClone(), null);
                return bool.TryParse(text, out var b) ? (true, JsonValue.Create(b), null) : (false, null, "oui (true) ou non (false) est attendu");
            case FormFieldType.Date:
                // ISO 8601 only: « 01/02/2027 » would otherwise be read the American way, the 2nd of January. A date-time without offset
                // is the wall-clock time of the workflow's zone, as a timeDate or an expression's date text is (09:00 in Paris, not 09:00 UTC);
                // a day alone stays midnight UTC, which the bounds compare by calendar day.
                // Beyond nanoseconds a fraction says nothing more (and NodaTime reads nine digits): « .1234567891 » is cut there.
                var trimmed = ExcessFraction().Replace(text.Trim(), "$1");
                var date = default(DateTimeOffset);
                var read = IsoDate().IsMatch(trimmed) && (trimmed.Length == 10
                    ? DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date)
                    : Timing.ZonedDates.TryParse(trimmed, zone ?? NodaTime.DateTimeZone.Utc, out date));
                return read ? (true, JsonValue.Create(date.ToUniversalTime().ToString("O")), null) : (false, null, "une date est attendue (AAAA-MM-JJ)");
            default:
                return field.Values.Contains(text) ? (true, JsonValue.Create(text), null)
                    : (false, null, $"choisir parmi {string.Join(", ", field.Values.Select(v => $"« {field.LabelOf(v)} » ({v})"))}");
        }
    }
}
