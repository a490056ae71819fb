namespace Orchestrator.Domain.Structures;

/// <summary>
/// The kinds of structure the orchestrator knows. The first eight run a pathway definition; the others
/// are downstream partners a person can be handed off to.
/// </summary>
public enum DeviceType
{
    Lhss,
    Lam,
    Act,
    ActHorsLesMurs,
    ActChezSoiDabord,
    Essip,
    Emsp,
    ComplexSituationCoordination,
    Chrs,
    PensionDeFamille,
    SocialHousing,
    Hospital,
    Ehpad,
    Ssiad,
    Had,
    Pass,
    Cmp,
    Csapa,
    Siao,
}
