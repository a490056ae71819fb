using System.Globalization;
using System.Resources;

namespace Orchestrator.Domain.Alerts;

/// <summary>
/// French names of the alert types the definitions and the orchestrator raise, for screens, mails and reports; the names are in
/// <c>Resources/Domain/Alerts/AlertTypeLabels.resx</c> (keyed by type code), so another language could follow.
/// </summary>
public static class AlertTypeLabels
{
    private static readonly ResourceManager Texts = new("Orchestrator.Resources.Domain.Alerts.AlertTypeLabels", typeof(AlertTypeLabels).Assembly);

    /// <summary>The alert types the shipped definitions and the orchestrator raise.</summary>
    private static readonly string[] Known =
    [
        "overstay", "dipc-late", "no-exit-solution", "exit-without-solution", "post-exit-rupture", "handoff-refused", "orientation-not-effective", "handoff-expired", "no-downstream-solution", "contract-late", "contract-unsigned", "project-late", "review-late", "housing-application-late", "missed-visit", "lost-to-follow-up", "housing-late", "prescription-lapse", "care-not-provided", "no-general-practitioner", "intervention-late", "rights-pending", "meeting-not-scheduled", "follow-up-late", "no-referent", "task-overdue", "task-overdue-escalated", "handoff-incomplete", "urgent-complex-situation", "meeting-slipped", "left-without-notice", "risks-not-explained", "renewal-without-exit-solution",
    ];

    /// <summary>The French name of <paramref name="type"/>, or the code itself for a type a newer definition added.</summary>
    public static string Label(string type) => Texts.GetString(type, CultureInfo.CurrentUICulture) ?? type;

    /// <summary>Every known type with its name, by name.</summary>
    public static IEnumerable<KeyValuePair<string, string>> All => Known.Select(t => KeyValuePair.Create(t, Label(t))).OrderBy(t => t.Value);
}
