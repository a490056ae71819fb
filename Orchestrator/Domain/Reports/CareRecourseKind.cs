namespace Orchestrator.Domain.Reports;

/// <summary>
/// The kinds of recourse to outside care the LHSS annual evaluation counts (2006 DGAS circular on LHSS, annex I,
/// « Trame d'évaluation », II: outside care or diagnosis structures, appointments made, accompaniments, medical
/// transport, calls to the emergency services and emergency hospital transfers).
/// </summary>
public enum CareRecourseKind
{
    /// <summary>An appointment made with an outside care or diagnosis service (laboratory, pharmacy, specialist…).</summary>
    Appointment,
    /// <summary>A professional went with the person to an outside appointment.</summary>
    Accompaniment,
    /// <summary>A medical transport (ambulance, VSL, taxi conventionné) was arranged.</summary>
    MedicalTransport,
    /// <summary>A call to the 15 (SAMU) or to the fire brigade.</summary>
    EmergencyCall,
    /// <summary>A transfer to hospital in an emergency.</summary>
    EmergencyTransfer,
}

/// <summary>French labels of <see cref="CareRecourseKind"/>, as the person page's buttons and the reports show them.</summary>
public static class CareRecourseKinds
{
    /// <summary>The French label of <paramref name="kind"/>; the enum name for a value without one.</summary>
    public static string Label(this CareRecourseKind kind) => kind switch
    {
        CareRecourseKind.Appointment => "Rendez-vous extérieur",
        CareRecourseKind.Accompaniment => "Accompagnement à un rendez-vous",
        CareRecourseKind.MedicalTransport => "Transport sanitaire",
        CareRecourseKind.EmergencyCall => "Appel au 15 / pompiers",
        CareRecourseKind.EmergencyTransfer => "Transfert hospitalier en urgence",
        _ => kind.ToString(),
    };
}
