namespace Orchestrator.Domain.Pathways;

/// <summary>
/// Broad pathology categories recorded at referral, as the ACT standard activity report counts its file active
/// (Fédération Santé Habitat national report: HIV, hepatitis, cancers, other chronic illnesses, mental health share;
/// domain notes §5.2). Coded, never free text, so reports can count them.
/// </summary>
public enum PathologyCategory
{
    /// <summary>HIV infection.</summary>
    Hiv,
    /// <summary>Viral hepatitis.</summary>
    Hepatitis,
    /// <summary>Cancers.</summary>
    Cancer,
    /// <summary>Another chronic illness.</summary>
    OtherChronicIllness,
    /// <summary>Mental health disorders.</summary>
    MentalHealth,
    /// <summary>Addictions.</summary>
    Addiction,
    /// <summary>None of the above.</summary>
    Other,
}

/// <summary>Where the person lived before entry (ACT standard report: housing before entry, domain notes §5.2).</summary>
public enum HousingSituation
{
    /// <summary>The street.</summary>
    Street,
    /// <summary>A squat or a camp.</summary>
    Squat,
    /// <summary>An emergency shelter.</summary>
    EmergencyShelter,
    /// <summary>A hotel room paid by the 115.</summary>
    Hotel,
    /// <summary>Hosted by relatives or friends.</summary>
    HostedByRelatives,
    /// <summary>An institution (hospital, prison).</summary>
    Institution,
    /// <summary>Their own housing.</summary>
    OwnHousing,
    /// <summary>None of the above.</summary>
    Other,
}

/// <summary>French labels of the entry profile's codes.</summary>
public static class EntryProfileLabels
{
    /// <summary>The French label of <paramref name="category"/> (« VIH », « Troubles psychiques »…), as reports print it.</summary>
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

    /// <summary>The French label of <paramref name="housing"/> (« Rue », « Hôtel (115) »…), as reports print it.</summary>
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
