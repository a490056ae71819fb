namespace Orchestrator.Application.Reports;

/// <summary>
/// The qualitative parts of the annual evaluation a director writes, in the order of the outline (2006 DGAS circular
/// on LHSS, annex I « Trame d'évaluation »: I presentation, II the items the data cannot give, III qualitative
/// aspect, IV conclusions and perspectives). ACT and LAM reports keep the presentation and the conclusions.
/// </summary>
public static class NarrativeSections
{
    /// <summary>A section: its key (stored with the text), the outline part it belongs to (I to IV) and its French title.</summary>
    public sealed record Section(string Key, string Part, string Title);

    /// <summary>Every section, in the outline's order.</summary>
    public static readonly IReadOnlyList<Section> All =
    [
        new("presentation", "I", "Présentation de la structure (objet, gestionnaire, fonctionnement, évolutions depuis l'évaluation précédente)"),
        new("services", "II", "Services offerts et leurs évolutions au cours de l'année"),
        new("staff-status", "II", "Statut des personnels et ajustements ; formations suivies"),
        new("referrers", "III", "Par qui les personnes ont été adressées à la structure"),
        new("pathologies", "III", "Types de pathologies les plus couramment rencontrées"),
        new("health-state", "III", "État physiologique et psychologique des personnes accueillies"),
        new("social-situation", "III", "Situations administratives et sociales des personnes, leurs besoins"),
        new("evolution", "III", "Évolution sanitaire et sociale au cours des séjours"),
        new("partnerships", "III", "Qualité du travail partenarial, difficultés rencontrées, solutions envisagées"),
        new("team-objectives", "III", "Mise en œuvre des objectifs du projet par l'équipe pluridisciplinaire"),
        new("expectations", "III", "Demandes et attentes des personnes accueillies"),
        new("exit-solutions", "III", "Solutions de sortie, difficultés, partenariats développés"),
        new("conclusions", "IV", "Conclusions et perspectives"),
    ];

    /// <summary>The section with <paramref name="key"/>, or null for an unknown key.</summary>
    public static Section? Find(string? key) => All.FirstOrDefault(s => s.Key == key);

    /// <summary>The sections of a part, as <see cref="ReportText"/> with what the director wrote (empty when nothing yet).</summary>
    public static IReadOnlyList<ReportText> Texts(string part, IReadOnlyDictionary<string, string> written, Func<Section, bool>? include = null) =>
        All.Where(s => s.Part == part && (include?.Invoke(s) ?? true)).Select(s => new ReportText(s.Key, s.Title, written.GetValueOrDefault(s.Key, ""))).ToList();
}
