using System.Globalization;
using Orchestrator.Workflows.Model;

namespace Orchestrator.Workflows.Validation;

/// <summary>
/// Writes why a definition is refused from <c>Reasons.resx</c> (English, the neutral language) or its French satellite
/// <c>Reasons.fr.resx</c>, in the current UI culture: the web app answers in French, the command line and the logs in
/// English. Each resource's comment in <c>Reasons.resx</c> says what its arguments are.
/// </summary>
internal static class ReasonText
{
    /// <summary>
    /// A resource of <see cref="Reasons"/> filled with <paramref name="args"/>, numbers and dates in the current culture. Every
    /// resource is a composite format (a literal brace is written <c>{{</c>), so one that shows braces is read through here
    /// even without arguments.
    /// </summary>
    public static string Format(string format, params object?[] args) => string.Format(CultureInfo.CurrentCulture, format, args);

    /// <summary>A resource read by name (<c>Refused_scriptTask</c>, <c>Kind_userTask</c>…); null when there is none.</summary>
    public static string? Named(string name) => Reasons.ResourceManager.GetString(name, CultureInfo.CurrentUICulture);

    /// <summary>An element as a reason names another one: « la tâche humaine « Avis médical » » in French, <c>userTask 'medical'</c> in English.</summary>
    public static string Element(FlowElement element) =>
        Format(Reasons.Element, Named("Kind_" + element.BpmnType) ?? element.BpmnType, element.Id,
            string.IsNullOrWhiteSpace(element.Name) ? element.Id : element.Name);

    /// <summary>An event definition (<c>timer</c>, « minuteur »…).</summary>
    public static string Trigger(EventTrigger trigger) =>
        Named("Trigger_" + trigger.ToString().ToLowerInvariant()) ?? trigger.ToString().ToLowerInvariant();

    /// <summary>« a, b or c »: the choices joined as the current language joins them.</summary>
    public static string Choices(IReadOnlyList<string> items) => items.Count < 2
        ? string.Concat(items)
        : string.Join(Reasons.ListSeparator, items.Take(items.Count - 1)) + Reasons.Or + items[^1];
}
