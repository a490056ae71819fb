namespace Orchestrator.Workflows.Model;

/// <summary>
/// A variable a user task may set when it is completed (declared with <c>orc:field</c>). A choice keeps its codes in
/// <see cref="Values"/> (what conditions and reports read) and shows <see cref="Labels"/>, one per value, to people.
/// </summary>
public sealed record FormField(
    string Name,
    FormFieldType Type,
    string? Label,
    bool Required,
    IReadOnlyList<string> Values,
    IReadOnlyList<string>? Labels = null)
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
}
