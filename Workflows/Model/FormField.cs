namespace Orchestrator.Workflows.Model;

/// <summary>
/// A variable a user task may set when it is completed (declared with <c>orc:field</c>). A choice keeps its codes in
/// <see cref="Values"/> (what conditions and reports read) and shows <see cref="Labels"/>, one per value, to people.
/// A date field may be bounded by <see cref="Min"/> and <see cref="Max"/>: <c>now</c> (the moment the task is completed)
/// or <c>${variable}</c>, a date variable of the instance, or several of them separated by commas (a deadline <c>PlanDeadline</c> computed, say); a bound whose
/// variable is absent or empty does not apply, so a process can lift it on a later pass. A date field with a lower bound may
/// also carry <see cref="Within"/> (the latest date is at most this long after the lower bound: a period's legal maximum) and
/// <see cref="Suggested"/> (the date the form offers: this long after the lower bound), each an ISO 8601 duration or
/// <c>${variable}</c> holding one.
/// </summary>
public sealed record FormField(
    string Name,
    FormFieldType Type,
    string? Label,
    bool Required,
    IReadOnlyList<string> Values,
    IReadOnlyList<string>? Labels = null,
    string? Min = null,
    string? Max = null,
    string? Within = null,
    string? Suggested = null)
{
    /// <summary>What a person reads for <paramref name="value"/>: its label, or the code itself when the definition gives none.</summary>
    public string LabelOf(string? value)
    {
        if (value is null) return "";
        var index = Values is null ? -1 : Values.ToList().IndexOf(value);
        return index >= 0 && Labels is { } labels && index < labels.Count ? labels[index] : value;
    }

    /// <summary>The field's label for people, else its name.</summary>
    public string Title => string.IsNullOrWhiteSpace(Label) ? Name : Label;

    /// <summary>
    /// Whether <paramref name="bound"/> is a date bound a field may carry: <c>now</c> or <c>${variable}</c>, or several
    /// separated by commas (<c>now,${prescriptionEnds}</c>: the date must satisfy each).
    /// </summary>
    public static bool IsDateBound(string bound) => SplitBound(bound).All(b =>
        b == "now" || System.Text.RegularExpressions.Regex.IsMatch(b, @"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$"));

    /// <summary>Whether <paramref name="length"/> is a length <see cref="Within"/> or <see cref="Suggested"/> may carry: an ISO 8601 duration or <c>${variable}</c>.</summary>
    public static bool IsDateLength(string length) =>
        Timing.IsoDuration.TryParse(length, out _) || System.Text.RegularExpressions.Regex.IsMatch(length, @"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$");

    /// <summary>The single bounds of a <c>min</c> or <c>max</c> attribute, in order.</summary>
    public static IReadOnlyList<string> SplitBound(string bound) => bound.Split(',', StringSplitOptions.TrimEntries);
}
