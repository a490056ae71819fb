using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Reports;
using Orchestrator.Domain.Staff;

namespace Orchestrator.Application.Reports;

/// <summary>
/// The tables the structure reports share, each broken down by sex with the previous year's total when there is one.
/// Counts are of referrals, stays or events as each row says; durations in days; ages in years.
/// </summary>
public static class CommonTables
{
    private static readonly string[] Months = ["Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre", "Octobre", "Novembre", "Décembre"];

    /// <summary>
    /// Monthly occupancy from place-days (2006 LHSS circular, annex I, II: « taux de remplissage mensuel des lits »): the
    /// days of presence of every stay in the month (<see cref="Figures.PlaceDays"/>) over the places times the days of the
    /// month that have passed; by sex, and the previous year's rate. The places are today's capacity of the structure.
    /// </summary>
    public static ReportTable MonthlyOccupancy(StructureScope s)
    {
        var columns = new List<string> { "Journées réalisées", "Journées offertes", "Taux (%)", "Journées Femmes", "Journées Hommes", "Journées non renseigné" };
        if (s.Compare) columns.Add($"Taux {s.Year - 1} (%)");
        var rows = new List<ReportRow>();
        var totals = new int[5];
        var previousTotals = new int[2];
        for (var month = 1; month <= 13; month++)
        {
            int[] figures;
            int[] previous = [0, 0];
            if (month <= 12)
            {
                var from = new DateTimeOffset(s.Year, month, 1, 0, 0, 0, TimeSpan.Zero);
                figures = MonthFigures(s, from, from.AddMonths(1));
                if (s.Compare) previous = MonthFigures(s, from.AddYears(-1), from.AddYears(-1).AddMonths(1))[..2];
                for (var i = 0; i < 5; i++) totals[i] += figures[i];
                previousTotals[0] += previous[0];
                previousTotals[1] += previous[1];
            }
            else
            {
                figures = totals;
                previous = previousTotals;
            }
            var cells = new List<ReportCell>
            {
                ReportCell.Of(figures[0]), ReportCell.Of(figures[1]), ReportCell.Of(Rate(figures[0], figures[1])),
                ReportCell.Of(figures[2]), ReportCell.Of(figures[3]), ReportCell.Of(figures[4]),
            };
            if (s.Compare) cells.Add(ReportCell.Of(Rate(previous[0], previous[1])));
            rows.Add(new ReportRow(month <= 12 ? Months[month - 1] : "Année", cells));
        }
        return new ReportTable("Taux de remplissage mensuel des places", "Mois", columns, rows,
            $"Journées réalisées : nuits de présence (jour d'entrée compté, jour de sortie non) ; journées offertes : {s.Structure.Capacity} places × jours écoulés du mois.",
            ReportChart.Line, s.Compare ? [2, 6] : [2]);
    }

    private static double? Rate(int done, int offered) => offered == 0 ? null : 100.0 * done / offered;

    /// <summary>[place-days, offered days, place-days F, M, unknown] of a month, up to now.</summary>
    private static int[] MonthFigures(StructureScope s, DateTimeOffset from, DateTimeOffset to)
    {
        var end = to < s.Now ? to : s.Now;
        var offered = end > from ? s.Structure.Capacity * Figures.Days(from, end) : 0;
        var bySex = new int[3];
        foreach (var e in s.Episodes.Where(e => e.AdmittedAt is not null))
            bySex[Figures.SexIndex(e.Sex)] += Figures.PlaceDays(e.AdmittedAt!.Value, e.ExitedAt, from, to, s.Now);
        return [bySex.Sum(), offered, bySex[0], bySex[1], bySex[2]];
    }

    /// <summary>
    /// Admission requests, admissions and referrals ended without admission with their reasons (<see cref="AnswerLabels.RefusalReason"/>),
    /// and the admission rate: admissions over the referrals decided in the year (admitted or ended without admission), in percent.
    /// </summary>
    public static ReportTable Demand(StructureScope s, string title = "Demandes d'admission, admissions et refus", string requests = "Demandes d'admission reçues")
    {
        var rows = new List<ReportRow>
        {
            Figures.CountRow(requests, s.Requested(s.Current), e => e.Sex, s.Before(s.Requested)),
            Figures.CountRow("Admissions", s.Admitted(s.Current), e => e.Sex, s.Before(s.Admitted)),
            Figures.CountRow("Refus et demandes sans suite", s.NotAdmitted(s.Current), e => e.Sex, s.Before(s.NotAdmitted)),
        };
        foreach (var reason in s.NotAdmitted(s.Current).Concat(s.Before(s.NotAdmitted) ?? []).Select(AnswerLabels.RefusalReason).Distinct().Order())
            rows.Add(Figures.CountRow($"dont : {reason}", s.NotAdmitted(s.Current).Where(e => AnswerLabels.RefusalReason(e) == reason), e => e.Sex,
                s.Before(w => s.NotAdmitted(w).Where(e => AnswerLabels.RefusalReason(e) == reason))));
        IEnumerable<(EpisodeFacts E, bool Admitted)> Decided((DateTimeOffset From, DateTimeOffset To) w) =>
            s.Admitted(w).Select(e => (e, true)).Concat(s.NotAdmitted(w).Select(e => (e, false)));
        rows.Add(Figures.MeasureRow("Taux d'admission (%)", Decided(s.Current), d => d.E.Sex,
            d => d.Count == 0 ? null : 100.0 * d.Count(x => x.Admitted) / d.Count, s.Before(Decided)));
        return new ReportTable(title, "Indicateur", Figures.SexColumns(s.Year, s.Compare), rows, Chart: ReportChart.Bar, ChartColumns: [0, 1, 2]);
    }

    /// <summary>
    /// People received in the year (the file active: one per person whose stay overlapped the year), stays, stays per
    /// person, mean age at admission (years, from the birth year), mean length of the stays ended in the year (days) and the
    /// share of those longer than two calendar months (CASF D312-176-2: a period is at most two months).
    /// </summary>
    public static ReportTable People(StructureScope s, string title = "Personnes accueillies et séjours")
    {
        IEnumerable<EpisodeFacts> PeopleIn((DateTimeOffset From, DateTimeOffset To) w) => StructureScope.People(s.Staying(w));
        var rows = new List<ReportRow>
        {
            Figures.CountRow("Personnes reçues au cours de l'année", PeopleIn(s.Current), e => e.Sex, s.Before(PeopleIn)),
            Figures.CountRow("Séjours au cours de l'année", s.Staying(s.Current), e => e.Sex, s.Before(s.Staying)),
            Figures.MeasureRow("Séjours par personne", s.Staying(s.Current), e => e.Sex, StaysPerPerson, s.Before(s.Staying)),
            Figures.MeasureRow("Âge moyen à l'admission (ans)", PeopleIn(s.Current), e => e.Sex, MeanAge, s.Before(PeopleIn)),
            Figures.MeasureRow("Durée moyenne des séjours terminés (jours)", s.Exited(s.Current), e => e.Sex, MeanLength, s.Before(s.Exited)),
            Figures.CountRow("Séjours terminés de plus de deux mois", s.Exited(s.Current).Where(LongerThanTwoMonths), e => e.Sex,
                s.Before(w => s.Exited(w).Where(LongerThanTwoMonths))),
        };
        return new ReportTable(title, "Indicateur", Figures.SexColumns(s.Year, s.Compare), rows);
    }

    private static bool LongerThanTwoMonths(EpisodeFacts e) => e.ExitedAt > e.AdmittedAt!.Value.AddMonths(2);

    private static double? StaysPerPerson(IReadOnlyList<EpisodeFacts> stays) =>
        stays.Count == 0 ? null : (double)stays.Count / stays.Select(e => e.PersonId).Distinct().Count();

    /// <summary>Mean of (year of admission − birth year), over those whose birth year is known.</summary>
    public static double? MeanAge(IReadOnlyList<EpisodeFacts> people) =>
        Figures.Mean(people.Where(e => e.BirthYear is not null).Select(e => (double)(e.AdmittedAt!.Value.Year - e.BirthYear!.Value)));

    /// <summary>Mean length in days (<see cref="Figures.Days"/>) of ended stays.</summary>
    public static double? MeanLength(IReadOnlyList<EpisodeFacts> stays) =>
        Figures.Mean(stays.Select(e => (double)Figures.Days(e.AdmittedAt!.Value, e.ExitedAt!.Value)));

    /// <summary>
    /// Interruptions and returns (2006 LHSS circular, annex I, II: stays per person and the reasons of interruptions or
    /// returns): an interruption is a stay ended in the year after which the person was admitted again in the structure; a
    /// return is an admission in the year of someone who had stayed before. Each by the cause of the stay's end: a
    /// hospitalisation (exit to hospital), a departure against medical advice, an exclusion, or another exit.
    /// </summary>
    public static ReportTable InterruptionsAndReturns(StructureScope s)
    {
        IEnumerable<EpisodeFacts> Interruptions((DateTimeOffset From, DateTimeOffset To) w) =>
            s.Exited(w).Where(e => s.Episodes.Any(n => n.PersonId == e.PersonId && n.AdmittedAt >= e.ExitedAt));
        IEnumerable<(EpisodeFacts Return, EpisodeFacts Before)> Returns((DateTimeOffset From, DateTimeOffset To) w) =>
            s.Admitted(w).Select(e => (e, s.Episodes.Where(p => p.PersonId == e.PersonId && p.ExitedAt <= e.AdmittedAt).OrderBy(p => p.ExitedAt).LastOrDefault()))
                .Where(x => x.Item2 is not null).Select(x => (x.e, x.Item2!));
        var causes = s.Episodes.Where(e => e.ExitedAt is not null).Select(Cause).Distinct().Order().ToList();
        var rows = new List<ReportRow> { Figures.CountRow("Interruptions (séjour terminé suivi d'un retour)", Interruptions(s.Current), e => e.Sex, s.Before(Interruptions)) };
        rows.AddRange(causes.Select(c => Figures.CountRow($"dont : {c}", Interruptions(s.Current).Where(e => Cause(e) == c), e => e.Sex,
            s.Before(w => Interruptions(w).Where(e => Cause(e) == c)))));
        rows.Add(Figures.CountRow("Retours dans la structure", Returns(s.Current), r => r.Return.Sex, s.Before(Returns)));
        rows.AddRange(causes.Select(c => Figures.CountRow($"dont après : {c}", Returns(s.Current).Where(r => Cause(r.Before) == c), r => r.Return.Sex,
            s.Before(w => Returns(w).Where(r => Cause(r.Before) == c)))));
        return new ReportTable("Interruptions et retours", "Indicateur", Figures.SexColumns(s.Year, s.Compare), rows);
    }

    /// <summary>Why a stay ended, for interruptions and returns.</summary>
    public static string Cause(EpisodeFacts e) => e switch
    {
        _ when e.Answer("destination") == "hopital" || e.Answer("exitType") is "hospital" or "hospitalised" || e.Answer("careOutcome") == "hospitalised" => "Hospitalisation",
        _ when e.Answer("exitType") == "against-advice" || e.Answer("renewal") == "against-advice" => "Sortie contre avis médical",
        _ when e.Answer("exitType") == "exclusion" => "Exclusion",
        _ => "Autre sortie",
    };

    /// <summary>Stays ended in the year, by type of exit and by destination (2006 LHSS circular: « leur devenir »).</summary>
    public static ReportTable Exits(StructureScope s, string title = "Sorties : type et destination")
    {
        var rows = new List<ReportRow> { Figures.CountRow("Sorties", s.Exited(s.Current), e => e.Sex, s.Before(s.Exited)) };
        string TypeOf(EpisodeFacts e) => AnswerLabels.ExitType(e.Answer("exitType") ?? (e.Answer("renewal") == "against-advice" ? "against-advice" : e.Answer("careOutcome")));
        string DestinationOf(EpisodeFacts e) => AnswerLabels.Destination(e.Answer("destination"));
        var all = s.Exited(s.Current).Concat(s.Before(s.Exited) ?? []).ToList();
        rows.AddRange(all.Select(TypeOf).Distinct().Order().Select(t => Figures.CountRow($"type : {t}", s.Exited(s.Current).Where(e => TypeOf(e) == t), e => e.Sex,
            s.Before(w => s.Exited(w).Where(e => TypeOf(e) == t)))));
        rows.AddRange(all.Select(DestinationOf).Distinct().Order().Select(d => Figures.CountRow($"destination : {d}", s.Exited(s.Current).Where(e => DestinationOf(e) == d), e => e.Sex,
            s.Before(w => s.Exited(w).Where(e => DestinationOf(e) == d)))));
        return new ReportTable(title, "Indicateur", Figures.SexColumns(s.Year, s.Compare), rows, Chart: ReportChart.Bar, ChartColumns: [3]);
    }

    /// <summary>
    /// Recourse to outside care recorded in the year by kind (2006 LHSS circular, annex I, II: outside care and diagnosis,
    /// appointments, accompaniments, medical transport, calls to the 15 and emergency transfers), by the person's sex.
    /// </summary>
    public static ReportTable Recourses(StructureScope s)
    {
        IEnumerable<RecourseFacts> In((DateTimeOffset From, DateTimeOffset To) w, CareRecourseKind kind) =>
            s.Data.Recourses.Where(r => r.StructureId == s.Structure.Id && r.Kind == kind && StructureScope.In(r.At, w));
        var rows = Enum.GetValues<CareRecourseKind>().Select(k => Figures.CountRow(k.Label(), In(s.Current, k), r => r.Sex, s.Before(w => In(w, k)))).ToList();
        return new ReportTable("Recours aux soins extérieurs", "Type de recours", Figures.SexColumns(s.Year, s.Compare), rows,
            "Chaque recours est enregistré d'un clic sur la fiche de la personne.", ReportChart.Bar, [3]);
    }

    /// <summary>Active staff of the structure by function, at the date of the report (accounts carry neither sex nor status).</summary>
    public static ReportTable Staff(StructureScope s)
    {
        var rows = s.Data.Staff.Where(m => m.StructureId == s.Structure.Id).GroupBy(m => m.Role).OrderBy(g => g.Key)
            .Select(g => new ReportRow(Function(g.Key), [ReportCell.Of(g.Count())])).ToList();
        return new ReportTable("Personnels par fonction", "Fonction", ["Effectif"], rows, "Comptes actifs à la date du rapport.");
    }

    private static string Function(StaffRole role) => role switch
    {
        StaffRole.Director => "Direction",
        StaffRole.Coordinator => "Coordination",
        StaffRole.Doctor => "Médecins",
        StaffRole.Psychiatrist => "Psychiatres",
        StaffRole.Nurse => "Infirmiers",
        StaffRole.SocialWorker => "Travailleurs sociaux",
        StaffRole.Referent => "Référents de parcours",
        _ => role.ToString(),
    };

    /// <summary>Who referred the people, for the referrals of the year (2006 LHSS circular, annex I, III: « par qui les personnes ont été adressées »).</summary>
    public static ReportTable Referrers(StructureScope s)
    {
        static string Of(EpisodeFacts e) => e.Referrer?.Label() ?? "Non renseigné";
        var rows = s.Requested(s.Current).Select(Of).Distinct().Order()
            .Select(r => Figures.CountRow(r, s.Requested(s.Current).Where(e => Of(e) == r), e => e.Sex, s.Before(w => s.Requested(w).Where(e => Of(e) == r))))
            .ToList();
        return new ReportTable("Qui a adressé les personnes", "Adressé par", Figures.SexColumns(s.Year, s.Compare), rows, Chart: ReportChart.Donut, ChartColumns: [3]);
    }
}
