using Orchestrator.Domain.Structures;

namespace Orchestrator.Application.Reports;

/// <summary>The reports the orchestrator produces from pathway data; each has a slug used in the API's route.</summary>
public enum ReportKind
{
    /// <summary>LHSS annual evaluation (2006 DGAS circular on LHSS, annex I « Trame d'évaluation »), per structure.</summary>
    LhssEvaluation,
    /// <summary>ACT standard activity report (Fédération Santé Habitat model, domain notes §5.2), per structure.</summary>
    Act,
    /// <summary>LAM activity figures, per structure, with the same machinery.</summary>
    Lam,
    /// <summary>Common indicators of the mobile teams (Ségur mesure 27: EMSP, LHSS mobiles, ESSIP, ACT hors les murs), per structure.</summary>
    MobileTeam,
    /// <summary>Break-in-care indicators: alerts, handoffs, overstays, people without a referent, post-exit ruptures, per structure.</summary>
    BreaksInCare,
    /// <summary>The regional, non-nominative version across structures and départements, small counts suppressed.</summary>
    Regional,
}

/// <summary>Slugs, French titles and the devices each structure report applies to.</summary>
public static class ReportKinds
{
    private static readonly Dictionary<ReportKind, (string Slug, string Title)> Entries = new()
    {
        [ReportKind.LhssEvaluation] = ("evaluation-lhss", "Évaluation annuelle LHSS"),
        [ReportKind.Act] = ("act", "Rapport d'activité standardisé ACT"),
        [ReportKind.Lam] = ("lam", "Rapport d'activité LAM"),
        [ReportKind.MobileTeam] = ("equipe-mobile", "Indicateurs communs des équipes mobiles"),
        [ReportKind.BreaksInCare] = ("ruptures", "Indicateurs de rupture de parcours"),
        [ReportKind.Regional] = ("regional", "Indicateurs régionaux non nominatifs"),
    };

    /// <summary>The slug of <paramref name="kind"/> in the API's route (<c>evaluation-lhss</c>, <c>act</c>, <c>ruptures</c>…).</summary>
    public static string Slug(this ReportKind kind) => Entries[kind].Slug;

    /// <summary>The French title of <paramref name="kind"/>.</summary>
    public static string Title(this ReportKind kind) => Entries[kind].Title;

    /// <summary>The kind whose slug is <paramref name="slug"/>, or null for an unknown one.</summary>
    public static ReportKind? FromSlug(string? slug) =>
        Entries.Where(e => string.Equals(e.Value.Slug, slug, StringComparison.OrdinalIgnoreCase)).Select(e => (ReportKind?)e.Key).FirstOrDefault();

    /// <summary>Whether the kind is about one structure (every kind but the regional one).</summary>
    public static bool IsPerStructure(this ReportKind kind) => kind != ReportKind.Regional;

    /// <summary>Whether a structure of <paramref name="device"/> has this report: each device its own, break-in-care indicators every pathway device.</summary>
    public static bool AppliesTo(this ReportKind kind, DeviceType device) => kind switch
    {
        ReportKind.LhssEvaluation => device == DeviceType.Lhss,
        ReportKind.Act => device is DeviceType.Act or DeviceType.ActChezSoiDabord,
        ReportKind.Lam => device == DeviceType.Lam,
        ReportKind.MobileTeam => device is DeviceType.Emsp or DeviceType.Essip or DeviceType.ActHorsLesMurs,
        ReportKind.BreaksInCare => device.RunsPathways(),
        _ => false,
    };

    /// <summary>The structure reports a structure of <paramref name="device"/> has, its own first.</summary>
    public static IReadOnlyList<ReportKind> For(DeviceType device) =>
        Enum.GetValues<ReportKind>().Where(k => k.AppliesTo(device)).ToList();
}
