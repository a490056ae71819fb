namespace Orchestrator.Domain.Pathways;

/// <summary>
/// Broad pathology categories recorded at referral, as the ACT standard activity report counts its file active
/// (Fédération Santé Habitat national report: HIV, hepatitis, cancers, other chronic illnesses, mental health share;
/// domain notes §5.2). Coded, never free text, so reports can count them.
/// </summary>
public enum PathologyCategory
{
    Hiv,
    Hepatitis,
    Cancer,
    OtherChronicIllness,
    MentalHealth,
    Addiction,
    Other,
}

/// <summary>Where the person lived before entry (ACT standard report: housing before entry, domain notes §5.2).</summary>
public enum HousingSituation
{
    Street,
    Squat,
    EmergencyShelter,
    Hotel,
    HostedByRelatives,
    Institution,
    OwnHousing,
    Other,
}

/// <summary>French labels of the entry profile's codes.</summary>
public static class EntryProfileLabels
{
    public static string Label(this PathologyCategory category) => category switch
    {
        PathologyCategory.Hiv => "VIH",
        PathologyCategory.Hepatitis => "Hépatites",
        PathologyCategory.Cancer => "Cancers",
        PathologyCategory.OtherChronicIllness => "Autres maladies chroniques",
        PathologyCategory.MentalHealth => "Troubles psychiques",
        PathologyCategory.Addiction => "Addictions",
        _ => "Autre",
    };

    public static string Label(this HousingSituation housing) => housing switch
    {
        HousingSituation.Street => "Rue",
        HousingSituation.Squat => "Squat, campement",
        HousingSituation.EmergencyShelter => "Hébergement d'urgence",
        HousingSituation.Hotel => "Hôtel (115)",
        HousingSituation.HostedByRelatives => "Hébergé par des proches",
        HousingSituation.Institution => "Institution (hôpital, prison)",
        HousingSituation.OwnHousing => "Logement personnel",
        _ => "Autre",
    };
}
