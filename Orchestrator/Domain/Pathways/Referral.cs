using Orchestrator.Domain.Structures;

namespace Orchestrator.Domain.Pathways;

/// <summary>
/// Who oriented a person to a structure, as a code the reports count (never free text: a referrer's name can be
/// nominative). The referrer's own name, when given, stays in <see cref="Episode.ReferredBy"/> for the care team.
/// </summary>
public enum ReferrerType
{
    /// <summary>A doctor (hospital, médecin traitant, prescribing doctor).</summary>
    Doctor,
    /// <summary>Another health professional (nurse, PASS team, hospital care team).</summary>
    HealthProfessional,
    /// <summary>The SIAO, when its team includes a health professional (CASF D312-176-2 II).</summary>
    SiaoWithHealthProfessional,
    /// <summary>The SIAO without a health professional in its team.</summary>
    Siao,
    /// <summary>Équipe mobile psychiatrie précarité.</summary>
    Empp,
    /// <summary>A PASS whose team includes a psychiatrist.</summary>
    PassWithPsychiatrist,
    /// <summary>Service médico-psychologique régional (psychiatry in prison).</summary>
    Smpr,
    /// <summary>A CSAPA, a CAARUD or a structure of the veille sociale (shelter, maraude, accueil de jour).</summary>
    CsapaCaarudOrVeilleSociale,
    /// <summary>A social worker or social service (hospital social service, CCAS, CHRS…).</summary>
    SocialWorker,
    /// <summary>The person's own request, with nobody orienting them.</summary>
    Self,
    /// <summary>A structure of the directory whose orientation the receiving team accepted (a handoff).</summary>
    DirectoryStructure,
}

/// <summary>
/// The facts of a referral the law conditions an admission on: who orients (<see cref="Type"/>), whether a social
/// evaluation preceded a doctor's orientation to a LAM, whether a psychiatrist gave the binding opinion an ACT
/// « Un chez-soi d'abord » needs from a CSAPA, CAARUD or veille-sociale orienter, and whether the person asked for it.
/// </summary>
/// <param name="Type">Who orients the person.</param>
/// <param name="SocialEvaluation">A social worker evaluated the person's social situation before the orientation (LAM).</param>
/// <param name="PsychiatristOpinion">A psychiatrist gave a favourable binding opinion (« avis conforme », ACT UCSD).</param>
/// <param name="PersonRequest">The person asked for the admission themself (recorded for every device; required for ACT).</param>
public sealed record Referral(ReferrerType Type, bool SocialEvaluation = false, bool PsychiatristOpinion = false, bool PersonRequest = false);

/// <summary>
/// One place for who may orient a person to each device, checked when a referral is recorded. Devices the texts
/// do not restrict accept every referrer; an accepted handoff between structures of the directory
/// (<see cref="ReferrerType.DirectoryStructure"/>) is the receiving team's own decision and is always lawful.
/// </summary>
public static class ReferralRules
{
    private static readonly ReferrerType[] Everyone = Enum.GetValues<ReferrerType>();

    /// <summary>The referrer types a device accepts, in the order a form offers them.</summary>
    public static IReadOnlyList<ReferrerType> AllowedReferrers(this DeviceType device) => device switch
    {
        // CASF D312-176-2 II: orientation by a health professional; the SIAO only when it includes one.
        DeviceType.Lhss => [ReferrerType.Doctor, ReferrerType.HealthProfessional, ReferrerType.SiaoWithHealthProfessional,
            ReferrerType.PassWithPsychiatrist, ReferrerType.Empp, ReferrerType.Smpr, ReferrerType.DirectoryStructure],
        // CASF D312-176-4 I: orientation by a doctor after an evaluation of the social situation.
        DeviceType.Lam => [ReferrerType.Doctor, ReferrerType.DirectoryStructure],
        // CASF D312-154-1: EMPP, PASS with a psychiatrist, SMPR; CSAPA, CAARUD, veille sociale with a psychiatrist's avis conforme.
        DeviceType.ActChezSoiDabord => [ReferrerType.Empp, ReferrerType.PassWithPsychiatrist, ReferrerType.Smpr,
            ReferrerType.CsapaCaarudOrVeilleSociale, ReferrerType.DirectoryStructure],
        // CASF D312-176-4-26 ff.: the ESSIP acts on a medical prescription.
        DeviceType.Essip => [ReferrerType.Doctor, ReferrerType.DirectoryStructure],
        _ => Everyone,
    };

    /// <summary>Whether a device checks who orients (the form then requires a referrer type).</summary>
    public static bool RequiresReferrer(this DeviceType device) =>
        device is DeviceType.Lhss or DeviceType.Lam or DeviceType.ActChezSoiDabord or DeviceType.Essip or DeviceType.Act;

    /// <summary>
    /// The French reason a referral is unlawful for a device and the request field at fault, or null when it is lawful.
    /// Fields are <c>type</c>, <c>socialEvaluation</c>, <c>psychiatristOpinion</c> and <c>personRequest</c> of the referral.
    /// </summary>
    public static (string Field, string Reason)? Check(DeviceType device, Referral? referral)
    {
        if (referral is null)
            return device.RequiresReferrer()
                ? ("type", $"Indiquer qui oriente la personne vers {Article(device)} : {string.Join(", ", device.AllowedReferrers().Where(t => t != ReferrerType.DirectoryStructure).Select(t => t.Label()))}.")
                : null;
        if (!device.AllowedReferrers().Contains(referral.Type))
            return ("type", device switch
            {
                DeviceType.Lhss when referral.Type == ReferrerType.Siao =>
                    "Le SIAO n'oriente vers un LHSS que s'il comprend un professionnel de santé (CASF D312-176-2).",
                DeviceType.Lhss => "L'orientation vers un LHSS est faite par un professionnel de santé, ou par le SIAO s'il en comprend un (CASF D312-176-2).",
                DeviceType.Lam => "L'orientation vers un LAM est faite par un médecin, après une évaluation de la situation sociale (CASF D312-176-4).",
                DeviceType.ActChezSoiDabord => "L'orientation vers un ACT « Un chez-soi d'abord » est faite par une EMPP, une PASS avec psychiatre, un SMPR, ou un CSAPA, un CAARUD ou une structure de veille sociale sur avis conforme d'un psychiatre (CASF D312-154-1).",
                DeviceType.Essip => "Une ESSIP intervient sur prescription médicale : l'orientation vient d'un médecin (CASF D312-176-4-26).",
                _ => $"{referral.Type.Label()} n'oriente pas vers {Article(device)}.",
            });
        if (device == DeviceType.Lam && referral.Type == ReferrerType.Doctor && !referral.SocialEvaluation)
            return ("socialEvaluation", "L'orientation vers un LAM suit une évaluation de la situation sociale par un travailleur social : indiquer qu'elle a été faite (CASF D312-176-4).");
        if (device == DeviceType.ActChezSoiDabord && referral.Type == ReferrerType.CsapaCaarudOrVeilleSociale && !referral.PsychiatristOpinion)
            return ("psychiatristOpinion", "Un CSAPA, un CAARUD ou une structure de veille sociale oriente vers un ACT « Un chez-soi d'abord » sur avis conforme d'un psychiatre : indiquer qu'il a été donné (CASF D312-154-1).");
        if (device == DeviceType.Act && referral.Type != ReferrerType.DirectoryStructure && !referral.PersonRequest)
            return ("personRequest", "L'admission en ACT se fait à la demande de la personne : indiquer qu'elle l'a demandée (CASF D312-154).");
        return null;
    }

    /// <summary>The French label of a referrer type, as forms and reports show it.</summary>
    public static string Label(this ReferrerType type) => type switch
    {
        ReferrerType.Doctor => "Médecin",
        ReferrerType.HealthProfessional => "Autre professionnel de santé",
        ReferrerType.SiaoWithHealthProfessional => "SIAO comprenant un professionnel de santé",
        ReferrerType.Siao => "SIAO (sans professionnel de santé)",
        ReferrerType.Empp => "EMPP (équipe mobile psychiatrie précarité)",
        ReferrerType.PassWithPsychiatrist => "PASS avec psychiatre",
        ReferrerType.Smpr => "SMPR (psychiatrie en milieu pénitentiaire)",
        ReferrerType.CsapaCaarudOrVeilleSociale => "CSAPA, CAARUD ou veille sociale",
        ReferrerType.SocialWorker => "Travailleur social, service social",
        ReferrerType.Self => "La personne elle-même",
        ReferrerType.DirectoryStructure => "Structure de l'annuaire (orientation acceptée)",
        _ => type.ToString(),
    };

    private static string Article(DeviceType device) => device switch
    {
        DeviceType.Lhss or DeviceType.Lam or DeviceType.Act or DeviceType.ActHorsLesMurs or DeviceType.ActChezSoiDabord => $"un {device.Label()}",
        DeviceType.Essip => "une ESSIP",
        _ => $"la structure ({device.Label()})",
    };
}
