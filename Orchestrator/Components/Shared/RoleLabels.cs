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
        "Proposed" => "proposée", "Accepted" => "acceptée", "Refused" => "refusée", "Expired" => "expirée",
        "External" => "hors annuaire, à confirmer par le référent", _ => state,
    };

    /// <summary>An instance history event in French: « Entrée », « Terminée », « Annulée ».</summary>
    public static string HistoryEvent(string historyEvent) => historyEvent switch
    {
        "Entered" => "Entrée", "Completed" => "Terminée", "Cancelled" => "Annulée", _ => historyEvent,
    };

    /// <summary>A BPMN element type in French, as the modeler's palette names it.</summary>
    public static string ElementType(string bpmnType) => bpmnType switch
    {
        "startEvent" => "Événement de début", "endEvent" => "Événement de fin", "intermediateCatchEvent" => "Événement intermédiaire (attente)",
        "intermediateThrowEvent" => "Événement intermédiaire (envoi)", "boundaryEvent" => "Événement attaché", "userTask" => "Tâche humaine",
        "serviceTask" => "Tâche automatique", "sendTask" => "Envoi de message", "receiveTask" => "Réception de message", "manualTask" => "Tâche manuelle",
        "task" => "Tâche", "exclusiveGateway" => "Choix exclusif", "parallelGateway" => "Parallèle", "inclusiveGateway" => "Choix inclusif",
        "eventBasedGateway" => "Attente d'événements", "subProcess" => "Sous-processus", "callActivity" => "Appel de processus",
        // What else the validator can point at: the file itself, a flow, a form field, a parameter, an event's trigger.
        "document" or "definitions" => "Fichier", "process" => "Processus", "sequenceFlow" => "Flux", "field" => "Champ du formulaire",
        "parameter" => "Paramètre", "in" or "out" => "Variable transmise", "multiInstanceLoopCharacteristics" => "Multi-instance",
        "timerEventDefinition" or "timeDuration" or "timeDate" or "timeCycle" => "Minuteur", "messageEventDefinition" => "Message",
        "signalEventDefinition" => "Signal", "errorEventDefinition" => "Erreur", "escalationEventDefinition" => "Escalade",
        "linkEventDefinition" => "Lien", _ => bpmnType,
    };

    /// <summary>What a handoff's destination code reads as (« pension-de-famille » → « Pension de famille »); device codes stay as they are.</summary>
    public static string Destination(string code) => Destinations.GetValueOrDefault(code, code);

    private static readonly Dictionary<string, string> Destinations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pension-de-famille"] = "Pension de famille", ["logement"] = "Logement", ["hopital"] = "Hôpital", ["rue"] = "Rue",
        ["medecin-traitant"] = "Médecin traitant", ["ACT-hors-les-murs"] = "ACT hors les murs", ["autre"] = "Autre", ["aucune"] = "Aucune",
        ["deces"] = "Décès", ["veille-sociale"] = "Veille sociale", ["PASS-psychiatre"] = "PASS psychiatrique",
    };

    public static string AlertType(string type) => Domain.Alerts.AlertTypeLabels.Label(type);

    public static IEnumerable<KeyValuePair<string, string>> AllAlertTypes => Domain.Alerts.AlertTypeLabels.All;

    public static string Date(DateTimeOffset? at) => at is { } d ? Application.Formatting.FrenchDates.DateTime(d) : "—";

    public static string Day(DateTimeOffset? at) => at is { } d ? Application.Formatting.FrenchDates.Day(d) : "—";

    /// <summary>
    /// When something falls due, counted in calendar days in Paris time: « en retard de 3 jours », « en retard
    /// (aujourd'hui) », « aujourd'hui », « demain », « dans 4 jours ».
    /// </summary>
    public static string DueIn(DateTimeOffset due, DateTimeOffset now)
    {
        var days = Application.Formatting.FrenchDates.DayNumber(due) - Application.Formatting.FrenchDates.DayNumber(now);
        return (days, due < now) switch
        {
            (< 0, _) => $"en retard de {-days} jour{(days < -1 ? "s" : "")}",
            (0, true) => "en retard (aujourd'hui)",
            (0, false) => "aujourd'hui",
            (1, _) => "demain",
            _ => $"dans {days} jours",
        };
    }
}
