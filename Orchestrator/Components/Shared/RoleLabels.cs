using System.Globalization;
using System.Resources;
using Orchestrator.Domain.Staff;

namespace Orchestrator.Components.Shared;

/// <summary>
/// French names of roles, stages, states, BPMN element types and destinations for the screens (and the mails and
/// calendar entries that reuse them), read from <c>Resources/Components/Shared/RoleLabels.resx</c> in the current UI
/// culture; a code without a name there is shown as it is.
/// </summary>
public static class RoleLabels
{
    // Static: the labels are also read outside a screen (alert mails, the overdue scan), where nothing is injected.
    private static readonly ResourceManager Texts = new("Orchestrator.Resources.Components.Shared.RoleLabels", typeof(RoleLabels).Assembly)
    {
        IgnoreCase = true, // destinations arrive as typed in the definitions (« Hopital », « hopital »)
    };

    private static string? Text(string key) => Texts.GetString(key, CultureInfo.CurrentUICulture);

    private static string Format(string key, object argument) => string.Format(CultureInfo.CurrentCulture, Text(key) ?? key, argument);

    /// <summary>The French name of <paramref name="role"/>; the enum name when the resources have none.</summary>
    public static string Of(StaffRole role) => Text("Role_" + role) ?? role.ToString();

    /// <summary>The French name of an <see cref="Domain.Pathways.EpisodeStage"/> name; the name itself when there is none.</summary>
    public static string Stage(string stage) => Text("Stage_" + stage) ?? stage;

    /// <summary>« élevée », « moyenne »; any other severity reads « faible ».</summary>
    public static string Severity(string severity) => Text("Severity_" + (severity is "high" or "medium" ? severity : "low"))!;

    /// <summary>« ouverte », « prise en compte »; any other state reads « résolue ».</summary>
    public static string AlertState(string state) => Text("AlertState_" + (state is "Open" or "Acknowledged" ? state : "Resolved"))!;

    /// <summary>The French name of a <see cref="Domain.Handoffs.HandoffState"/> name; the name itself when the resources have none.</summary>
    public static string HandoffState(string state) => Text("HandoffState_" + state) ?? state;

    /// <summary>A workflow instance's state (<c>Running</c>, <c>Completed</c>, <c>Terminated</c>, <c>Cancelled</c>): « en cours », « achevée »…</summary>
    public static string InstanceStatus(string status) => Text("InstanceStatus_" + status) ?? status;

    /// <summary>A definition version's state: « brouillon », « publiée »; any other reads « retirée ».</summary>
    public static string DefinitionState(string state) => Text("DefinitionState_" + (state is "Draft" or "Published" ? state : "Retired"))!;

    /// <summary>An instance history event in French: « Entrée », « Terminée », « Annulée ».</summary>
    public static string HistoryEvent(string historyEvent) => Text("HistoryEvent_" + historyEvent) ?? historyEvent;

    /// <summary>
    /// A BPMN element type in French, as the modeler's palette names it; also what else the validator can point at (the
    /// file itself, a flow, a form field, a parameter, an event's trigger).
    /// </summary>
    public static string ElementType(string bpmnType) => Text("ElementType_" + bpmnType) ?? bpmnType;

    /// <summary>What a handoff's destination code reads as (« pension-de-famille » → « Pension de famille »); device codes stay as they are.</summary>
    public static string Destination(string code) => Text("Destination_" + code) ?? code;

    /// <summary>The French label of an alert type code (<c>overstay</c>…).</summary>
    public static string AlertType(string type) => Domain.Alerts.AlertTypeLabels.Label(type);

    /// <summary>Every known alert type code with its French label, for filters.</summary>
    public static IEnumerable<KeyValuePair<string, string>> AllAlertTypes => Domain.Alerts.AlertTypeLabels.All;

    /// <summary>A date and time in French, in Paris time; « NoDate »'s text (no date) when null.</summary>
    public static string Date(DateTimeOffset? at) => at is { } d ? Application.Formatting.FrenchDates.DateTime(d) : Text("NoDate")!;

    /// <summary>A day in French, in Paris time; « NoDate »'s text (no date) when null.</summary>
    public static string Day(DateTimeOffset? at) => at is { } d ? Application.Formatting.FrenchDates.Day(d) : Text("NoDate")!;

    /// <summary>
    /// When something falls due, counted in calendar days in Paris time: « en retard de 3 jours », « en retard
    /// (aujourd'hui) », « aujourd'hui », « demain », « dans 4 jours ».
    /// </summary>
    public static string DueIn(DateTimeOffset due, DateTimeOffset now)
    {
        var days = Application.Formatting.FrenchDates.DayNumber(due) - Application.Formatting.FrenchDates.DayNumber(now);
        return (days, due < now) switch
        {
            (< 0, _) => Format(days < -1 ? "LateDays" : "LateDay", -days),
            (0, true) => Text("LateToday")!,
            (0, false) => Text("Today")!,
            (1, _) => Text("Tomorrow")!,
            _ => Format("InDays", days),
        };
    }
}
