namespace Orchestrator.Application.Reports;

/// <summary>
/// French names of the coded answers the shipped definitions' forms collect (exit types, destinations, places of
/// life…) and the reasons a referral did not lead to an admission. Only coded answers are ever named: a free-text
/// answer is never read by a report.
/// </summary>
public static class AnswerLabels
{
    private static readonly Dictionary<string, string> Destinations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ACT"] = "ACT", ["ACT-hors-les-murs"] = "ACT hors les murs", ["LAM"] = "LAM", ["LHSS"] = "LHSS", ["pension-de-famille"] = "Pension de famille",
        ["CHRS"] = "CHRS", ["logement"] = "Logement", ["hopital"] = "Hôpital", ["EHPAD"] = "EHPAD", ["rue"] = "Rue", ["deces"] = "Décès",
        ["SSIAD"] = "SSIAD", ["HAD"] = "HAD", ["CSAPA"] = "CSAPA", ["PASS"] = "PASS", ["CMP"] = "CMP", ["SIAO"] = "SIAO", ["ESSIP"] = "ESSIP",
        ["medecin-traitant"] = "Médecin traitant", ["autre"] = "Autre",
    };

    private static readonly Dictionary<string, string> ExitTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["planned"] = "Sortie programmée (avis médical)", ["against-advice"] = "Sortie contre avis médical", ["exclusion"] = "Exclusion",
        ["death"] = "Décès", ["stabilised"] = "Situation stabilisée", ["entered-act"] = "Entrée en ACT", ["lost-contact"] = "Perte de contact",
        ["own-lease"] = "Bail à son nom", ["other-housing"] = "Autre logement", ["hospital"] = "Hôpital", ["other"] = "Autre",
        ["care-ended"] = "Fin des soins", ["handoff"] = "Relais vers une autre structure", ["hospitalised"] = "Hospitalisation",
    };

    private static readonly Dictionary<string, string> Places = new(StringComparer.OrdinalIgnoreCase)
    {
        ["street"] = "Rue", ["squat"] = "Squat", ["camp"] = "Campement", ["shelter"] = "Hébergement d'urgence", ["hotel"] = "Hôtel", ["other"] = "Autre lieu",
    };

    /// <summary>A coded exit destination or orientation (« hopital » → « Hôpital »); « Non renseignée » when none was given.</summary>
    public static string Destination(string? code) => code is null ? "Non renseignée" : Destinations.GetValueOrDefault(code, "Autre");

    /// <summary>A coded exit type or reason for ending the support; « Non renseigné » when none was given.</summary>
    public static string ExitType(string? code) => code is null ? "Non renseigné" : ExitTypes.GetValueOrDefault(code, "Autre");

    /// <summary>A coded place of intervention of a mobile team.</summary>
    public static string Place(string? code) => code is null ? "Non renseigné" : Places.GetValueOrDefault(code, "Autre lieu");

    /// <summary>The reason for a refusal on lack of places, as the ACT report singles it out.</summary>
    public const string NoPlace = "Manque de place";

    /// <summary>
    /// Why a referral ended without admission, from the coded answers of its pathway, first match wins: a coded refusal
    /// reason (ACT), the case relevant to hospital care, an unfavourable medical or psychiatric opinion, eligibility
    /// criteria not met, a lack of capacity, the director's reasoned refusal, a person not met; otherwise « Sans suite »
    /// (withdrawn, or the pathway ended before any decision). A free-text reason is never read.
    /// </summary>
    public static string RefusalReason(EpisodeFacts episode) => episode switch
    {
        _ when episode.Answer("refusalReason") == "no-place" || episode.Answer("decision") == "no-capacity" => NoPlace,
        _ when episode.Answer("refusalReason") == "not-eligible" => "Ne relève pas du dispositif",
        _ when episode.Answer("refusalReason") == "hospital-care" || episode.Answer("hospitalCareNeeded") == "true" || episode.Answer("decision") == "hospital-or-had-needed" => "Relève de soins hospitaliers",
        _ when episode.Answer("opinion") == "unfavourable" => "Avis médical défavorable",
        _ when episode.Answer("psychiatristAgrees") == "false" => "Avis du psychiatre défavorable",
        _ when episode.Answer("durablyHomeless") == "false" || episode.Answer("severeMentalIllness") == "false" => "Critères d'éligibilité non remplis",
        _ when episode.Answer("contact") is "not-found" or "declined" => "Personne non rencontrée",
        _ when episode.Answer("refusalReason") == "other" || episode.Answer("decision") == "refuse" => "Refus motivé de la direction",
        _ => "Sans suite",
    };
}
