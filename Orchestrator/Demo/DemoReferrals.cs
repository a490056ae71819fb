using Bogus;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Structures;

namespace Orchestrator.Demo;

/// <summary>
/// Referrals as they happen, within the law: each device's demo referrals come from the referrers
/// <see cref="ReferralRules"/> allows it, with the conditions it requires (a social evaluation before a LAM,
/// a psychiatrist's opinion for a veille-sociale orientation to ACT UCSD, the person's request for ACT).
/// </summary>
internal static class DemoReferrals
{
    private static readonly Dictionary<ReferrerType, string[]> Names = new()
    {
        [ReferrerType.Doctor] = ["Médecin traitant", "Médecin du service de médecine interne", "Médecin de la PASS du CHU", "Urgences du CHU"],
        [ReferrerType.HealthProfessional] = ["Infirmière de la PASS du CHU", "Équipe de liaison hospitalière", "Infirmière de la maraude santé"],
        [ReferrerType.SiaoWithHealthProfessional] = ["SIAO (infirmière de l'équipe)"],
        [ReferrerType.Siao] = ["SIAO"],
        [ReferrerType.Empp] = ["EMPP du secteur"],
        [ReferrerType.PassWithPsychiatrist] = ["PASS psychiatrique"],
        [ReferrerType.Smpr] = ["SMPR de la maison d'arrêt"],
        [ReferrerType.CsapaCaarudOrVeilleSociale] = ["CSAPA", "CAARUD", "Accueil de jour"],
        [ReferrerType.SocialWorker] = ["Service social hospitalier", "CCAS", "CHRS"],
        [ReferrerType.Self] = ["Demande de la personne"],
        [ReferrerType.DirectoryStructure] = ["Structure partenaire"],
    };

    /// <summary>A lawful referral to a structure of the given type and the referrer's name as a team would write it.</summary>
    public static (Referral Referral, string ReferredBy) Pick(DeviceType device, Faker faker)
    {
        var type = faker.PickRandom(device.AllowedReferrers().Where(t => t != ReferrerType.DirectoryStructure).ToArray());
        var referral = new Referral(type,
            SocialEvaluation: device == DeviceType.Lam,
            PsychiatristOpinion: device == DeviceType.ActChezSoiDabord && type == ReferrerType.CsapaCaarudOrVeilleSociale,
            PersonRequest: device == DeviceType.Act || faker.Random.Bool(0.3f));
        return (referral, faker.PickRandom(Names[type]));
    }
}
