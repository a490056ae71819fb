namespace Orchestrator.Domain.Structures;

/// <summary>
/// The kinds of structure the orchestrator knows. The first eight run a pathway definition; the others
/// are downstream partners a person can be handed off to.
/// </summary>
public enum DeviceType
{
    /// <summary>Lits halte soins santé (CASF D312-176-1 and D312-176-2; FINESS 180).</summary>
    Lhss,
    /// <summary>Lits d'accueil médicalisés (CASF D312-176-3 and D312-176-4; FINESS 213).</summary>
    Lam,
    /// <summary>Appartements de coordination thérapeutique (CASF D312-154; FINESS 165).</summary>
    Act,
    /// <summary>ACT « hors les murs »: support where the person lives, without housing (complementary mission of D312-154, as amended in 2020).</summary>
    ActHorsLesMurs,
    /// <summary>ACT « Un chez-soi d'abord »: housing first for homeless adults with severe mental illness (CASF D312-154-1 and following).</summary>
    ActChezSoiDabord,
    /// <summary>Équipe spécialisée de soins infirmiers précarité: outreach nursing on prescription.</summary>
    Essip,
    /// <summary>Équipe mobile santé précarité, and LHSS mobiles (décret 2021-1170, CASF D312-176-4-26 and following).</summary>
    Emsp,
    /// <summary>The coordination of complex situations, which receives alerts about a person in a complex situation (FINESS 606 as a DAC).</summary>
    ComplexSituationCoordination,
    /// <summary>Centre d'hébergement et de réinsertion sociale (FINESS 214); a downstream partner.</summary>
    Chrs,
    /// <summary>Pension de famille / maison relais (FINESS 258); a downstream partner.</summary>
    PensionDeFamille,
    /// <summary>Ordinary or social housing; a downstream partner.</summary>
    SocialHousing,
    /// <summary>A hospital unit; a downstream partner.</summary>
    Hospital,
    /// <summary>A nursing home for dependent elderly people; a downstream partner.</summary>
    Ehpad,
    /// <summary>Service de soins infirmiers à domicile (FINESS 354); a downstream partner.</summary>
    Ssiad,
    /// <summary>Hospitalisation à domicile (FINESS 127); a downstream partner.</summary>
    Had,
    /// <summary>Permanence d'accès aux soins de santé (hospital unit); a downstream partner.</summary>
    Pass,
    /// <summary>Centre médico-psychologique (FINESS 156); a downstream partner.</summary>
    Cmp,
    /// <summary>Centre de soins, d'accompagnement et de prévention en addictologie (FINESS 197); a downstream partner.</summary>
    Csapa,
    /// <summary>Service intégré d'accueil et d'orientation (CASF L345-2); a downstream partner.</summary>
    Siao,
}
