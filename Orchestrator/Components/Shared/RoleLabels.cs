using Orchestrator.Domain.Staff;

namespace Orchestrator.Components.Shared;

/// <summary>French names of roles, stages and alert kinds for the screens.</summary>
public static class RoleLabels
{
    public static string Of(StaffRole role) => role switch
    {
        StaffRole.Administrator => "administrateur",
        StaffRole.Coordinator => "coordinateur",
        StaffRole.Director => "directeur",
        StaffRole.Referent => "référent",
        StaffRole.Doctor => "médecin",
        StaffRole.Psychiatrist => "psychiatre",
        StaffRole.Nurse => "infirmier",
        StaffRole.SocialWorker => "travailleur social",
        StaffRole.RegionalViewer => "observatoire régional",
        _ => role.ToString(),
    };

    public static string Stage(string stage) => stage switch
    {
        "Entry" => "Admission",
        "Stay" => "Séjour",
        "Exit" => "Sortie",
        "FollowUp" => "Suivi post-sortie",
        _ => stage,
    };

    public static string Severity(string severity) => severity switch { "high" => "élevée", "medium" => "moyenne", _ => "faible" };

    public static string AlertState(string state) => state switch { "Open" => "ouverte", "Acknowledged" => "prise en compte", _ => "résolue" };

    public static string HandoffState(string state) => state switch
    {
        "Proposed" => "proposée", "Accepted" => "acceptée", "Refused" => "refusée", "Expired" => "expirée", _ => state,
    };

    public static string AlertType(string type) => Domain.Alerts.AlertTypeLabels.Label(type);

    public static IEnumerable<KeyValuePair<string, string>> AllAlertTypes => Domain.Alerts.AlertTypeLabels.All;

    public static string Date(DateTimeOffset? at) =>
        at is { } d ? TimeZoneInfo.ConvertTime(d, Paris).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")) : "—";

    public static string Day(DateTimeOffset? at) =>
        at is { } d ? TimeZoneInfo.ConvertTime(d, Paris).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")) : "—";

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Paris", out var zone) ? zone : TimeZoneInfo.Utc;
}
