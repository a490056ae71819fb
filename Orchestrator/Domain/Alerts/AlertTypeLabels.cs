namespace Orchestrator.Domain.Alerts;

/// <summary>French names of the alert types the definitions and the orchestrator raise, for screens and reports.</summary>
public static class AlertTypeLabels
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["overstay"] = "Séjour dépassé", ["dipc-late"] = "DIPC non remis", ["no-exit-solution"] = "Pas de solution de sortie",
        ["exit-without-solution"] = "Sortie sans solution", ["post-exit-rupture"] = "Rupture après la sortie",
        ["handoff-refused"] = "Orientation refusée", ["orientation-not-effective"] = "Orientation non concrétisée", ["handoff-expired"] = "Orientation sans réponse", ["no-downstream-solution"] = "Sans structure d'aval",
        ["contract-late"] = "Contrat non remis", ["contract-unsigned"] = "Contrat non signé", ["project-late"] = "Projet en retard",
        ["review-late"] = "Réévaluation en retard", ["housing-application-late"] = "Demande de logement non déposée",
        ["missed-visit"] = "Visite manquée", ["lost-to-follow-up"] = "Perdu de vue", ["housing-late"] = "Logement non attribué",
        ["prescription-lapse"] = "Prescription échue", ["care-not-provided"] = "Soins non assurés", ["no-general-practitioner"] = "Sans médecin traitant",
        ["intervention-late"] = "Intervention en retard", ["rights-pending"] = "Droits à ouvrir", ["meeting-not-scheduled"] = "Réunion non programmée",
        ["follow-up-late"] = "Suivi en retard", ["no-referent"] = "Sans référent",
        ["task-overdue"] = "Tâche en retard", ["task-overdue-escalated"] = "Tâche très en retard (direction)",
        ["handoff-incomplete"] = "Orientation inachevée",
        ["urgent-complex-situation"] = "Situation complexe urgente", ["meeting-slipped"] = "Réunion non tenue",
        ["left-without-notice"] = "Départ sans prévenir", ["risks-not-explained"] = "Risques non expliqués au départ",
        ["renewal-without-exit-solution"] = "Renouvellement sans solution de sortie",
    };

    /// <summary>The French name of <paramref name="type"/>, or the code itself for a type a newer definition added.</summary>
    public static string Label(string type) => Labels.GetValueOrDefault(type, type);

    /// <summary>Every known type with its name, by name.</summary>
    public static IEnumerable<KeyValuePair<string, string>> All => Labels.OrderBy(t => t.Value);
}
