using Orchestrator.Domain.Handoffs;

namespace Orchestrator.Application.Reports;

/// <summary>
/// The indicators common to the mobile teams (Ségur mesure 27, ARS call of 2021: indicators common to every operator,
/// no nominative data; domain notes §5.3): people met, places of intervention, interventions and their delays, health
/// and rights checks, orientations proposed and whether they took effect (the receiving structure accepted). Delays are
/// in days (one decimal), median and 90th percentile by the nearest-rank method.
/// </summary>
public static class MobileTeamBuilder
{
    /// <summary>The mobile-team indicators of the structure of <paramref name="s"/>.</summary>
    public static IReadOnlyList<ReportSection> Build(StructureScope s) =>
    [
        new("Personnes rencontrées", [People(s), Places(s)], []),
        new("Interventions et délais", [Interventions(s), Delays(s)], []),
        new("Bilans de santé et droits", [Checks(s)], []),
        new("Orientations", [Proposed(s), Handoffs(s)], []),
    ];

    private static ReportTable People(StructureScope s)
    {
        IEnumerable<EpisodeFacts> Met((DateTimeOffset From, DateTimeOffset To) w) => StructureScope.People(s.Admitted(w));
        IEnumerable<EpisodeFacts> Active((DateTimeOffset From, DateTimeOffset To) w) => StructureScope.People(s.Staying(w));
        return new ReportTable("Personnes rencontrées", "Indicateur", Figures.SexColumns(s.Year, s.Compare),
        [
            Figures.CountRow("Signalements ou demandes reçus", s.Requested(s.Current), e => e.Sex, s.Before(s.Requested)),
            Figures.CountRow("Personnes rencontrées (prise en charge ouverte dans l'année)", Met(s.Current), e => e.Sex, s.Before(Met)),
            Figures.CountRow("File active (personnes suivies dans l'année)", Active(s.Current), e => e.Sex, s.Before(Active)),
            Figures.CountRow("Accompagnements terminés", s.Exited(s.Current), e => e.Sex, s.Before(s.Exited)),
        ], Chart: ReportChart.Bar, ChartColumns: [0, 1, 2]);
    }

    private static ReportTable Places(StructureScope s)
    {
        static string Of(EpisodeFacts e) => AnswerLabels.Place(e.Answer("place"));
        var rows = s.Requested(s.Current).Concat(s.Before(s.Requested) ?? []).Select(Of).Distinct().Order()
            .Select(p => Figures.CountRow(p, s.Requested(s.Current).Where(e => Of(e) == p), e => e.Sex, s.Before(w => s.Requested(w).Where(e => Of(e) == p)))).ToList();
        return new ReportTable("Lieux d'intervention (lieu de vie au signalement)", "Lieu", Figures.SexColumns(s.Year, s.Compare), rows,
            "Renseigné par la qualification du signalement (équipes mobiles santé précarité, LHSS mobiles).", ReportChart.Donut, [3]);
    }

    private static IEnumerable<(EpisodeFacts Episode, TaskAnswer Task)> Done(StructureScope s, string element, (DateTimeOffset From, DateTimeOffset To) w) =>
        s.Episodes.SelectMany(e => e.Completions(element).Where(t => StructureScope.In(t.CompletedAt, w)).Select(t => (e, t)));

    private static ReportTable Interventions(StructureScope s)
    {
        var rows = new List<ReportRow>();
        foreach (var (element, label, field, outcomes) in new[]
        {
            ("intervention", "Interventions (aller vers)", "contact", new[] { ("met", "dont personne rencontrée"), ("not-found", "dont personne non trouvée"), ("declined", "dont rencontre refusée") }),
            ("weeklyVisit", "Visites au lieu de vie", "visitOutcome", new[] { ("met", "dont visite avec rencontre"), ("not-found", "dont visite sans rencontre") }),
        })
        {
            rows.Add(Figures.CountRow(label, Done(s, element, s.Current), d => d.Episode.Sex, s.Before(w => Done(s, element, w))));
            rows.AddRange(outcomes.Select(o => Figures.CountRow(o.Item2, Done(s, element, s.Current).Where(d => d.Task.Values.GetValueOrDefault(field) == o.Item1),
                d => d.Episode.Sex, s.Before(w => Done(s, element, w).Where(d => d.Task.Values.GetValueOrDefault(field) == o.Item1)))));
        }
        return new ReportTable("Interventions", "Indicateur", Figures.SexColumns(s.Year, s.Compare), rows);
    }

    private static ReportTable Delays(StructureScope s)
    {
        var rows = new List<ReportRow>();
        void Add(string label, IEnumerable<double> days)
        {
            var list = days.ToList();
            rows.Add(new ReportRow(label, [ReportCell.Of(list.Count), ReportCell.Of(Figures.Percentile(list, 50)), ReportCell.Of(Figures.Percentile(list, 90))]));
        }
        IEnumerable<(EpisodeFacts Episode, TaskAnswer Task)> First(string element) =>
            s.Episodes.Select(e => (e, e.Completions(element).FirstOrDefault())).Where(x => x.Item2 is not null && StructureScope.In(x.Item2.CompletedAt, s.Current)).Select(x => (x.e, x.Item2!));
        Add("Signalement → intervention", First("intervention").Select(x => (x.Task.CompletedAt - x.Episode.RequestedAt).TotalDays));
        Add("dont signalements urgents", First("intervention").Where(x => x.Episode.Answer("urgency") == "urgent").Select(x => (x.Task.CompletedAt - x.Episode.RequestedAt).TotalDays));
        Add("Demande → prise en charge (admission)", s.Admitted(s.Current).Select(e => (e.AdmittedAt!.Value - e.RequestedAt).TotalDays));
        return new ReportTable("Délais", "Délai", ["Nombre", "Médiane (jours)", "90e centile (jours)"], rows,
            "Délais en jours entre la réception et l'action, pour les actions de l'année ; médiane et 90e centile au rang le plus proche.");
    }

    private static ReportTable Checks(StructureScope s)
    {
        IEnumerable<(EpisodeFacts Episode, TaskAnswer Task)> With(string element, string field, string value, (DateTimeOffset From, DateTimeOffset To) w) =>
            Done(s, element, w).Where(d => d.Task.Values.GetValueOrDefault(field) == value);
        return new ReportTable("Bilans de santé et ouverture des droits", "Indicateur", Figures.SexColumns(s.Year, s.Compare),
        [
            Figures.CountRow("Bilans de santé et de droits réalisés", Done(s, "healthCheck", s.Current), d => d.Episode.Sex, s.Before(w => Done(s, "healthCheck", w))),
            Figures.CountRow("dont droits santé ouverts (PUMa, CSS, AME)", With("healthCheck", "healthRightsOpen", "true", s.Current), d => d.Episode.Sex,
                s.Before(w => With("healthCheck", "healthRightsOpen", "true", w))),
            Figures.CountRow("dont droits à ouvrir", With("healthCheck", "healthRightsOpen", "false", s.Current), d => d.Episode.Sex,
                s.Before(w => With("healthCheck", "healthRightsOpen", "false", w))),
            Figures.CountRow("Médecin traitant déclaré à la prescription (ESSIP)", With("registerPrescription", "hasGeneralPractitioner", "true", s.Current), d => d.Episode.Sex,
                s.Before(w => With("registerPrescription", "hasGeneralPractitioner", "true", w))),
        ]);
    }

    private static ReportTable Proposed(StructureScope s)
    {
        IEnumerable<(EpisodeFacts Episode, TaskAnswer Task)> Oriented((DateTimeOffset From, DateTimeOffset To) w) =>
            Done(s, "healthCheck", w).Concat(Done(s, "exitOrientation", w)).Where(d => d.Task.Values.GetValueOrDefault("destination") is { } v && v != "aucune");
        string Of((EpisodeFacts Episode, TaskAnswer Task) d) => AnswerLabels.Destination(d.Task.Values.GetValueOrDefault("destination"));
        var rows = Oriented(s.Current).Concat(s.Before(Oriented) ?? []).Select(Of).Distinct().Order()
            .Select(d => Figures.CountRow(d, Oriented(s.Current).Where(x => Of(x) == d), x => x.Episode.Sex, s.Before(w => Oriented(w).Where(x => Of(x) == d)))).ToList();
        return new ReportTable("Orientations proposées, par destination", "Destination", Figures.SexColumns(s.Year, s.Compare), rows, Chart: ReportChart.Bar, ChartColumns: [3]);
    }

    /// <summary>Handoffs proposed by the structure in the year and their outcome: an accepted one took effect.</summary>
    public static ReportTable Handoffs(StructureScope s, string title = "Orientations vers une structure d'aval : effectivité")
    {
        IEnumerable<HandoffFacts> Of((DateTimeOffset From, DateTimeOffset To) w, HandoffState? state = null) =>
            s.Data.Handoffs.Where(h => h.FromStructureId == s.Structure.Id && StructureScope.In(h.ProposedAt, w) && (state is null || h.State == state));
        ReportRow Row(string label, HandoffState? state)
        {
            var cells = new List<ReportCell> { ReportCell.Of(Of(s.Current, state).Count()) };
            if (s.Compare) cells.Add(ReportCell.Of(Of(s.Previous, state).Count()));
            return new ReportRow(label, cells);
        }
        var answered = Of(s.Current).Where(h => h.AnsweredAt is not null && h.State is HandoffState.Accepted or HandoffState.Refused)
            .Select(h => (h.AnsweredAt!.Value - h.ProposedAt).TotalDays).ToList();
        var rows = new List<ReportRow>
        {
            Row("Orientations proposées", null), Row("acceptées (effectives)", HandoffState.Accepted), Row("refusées", HandoffState.Refused),
            Row("sans réponse dans le délai (expirées)", HandoffState.Expired), Row("en attente de réponse", HandoffState.Proposed),
        };
        var empty = s.Compare ? new[] { ReportCell.Empty } : [];
        rows.Add(new ReportRow("Délai médian de réponse (jours)", [ReportCell.Of(Figures.Percentile(answered, 50)), .. empty]));
        rows.Add(new ReportRow("90e centile du délai de réponse (jours)", [ReportCell.Of(Figures.Percentile(answered, 90)), .. empty]));
        return new ReportTable(title, "Indicateur", s.Compare ? [$"{s.Year}", $"{s.Year - 1}"] : [$"{s.Year}"], rows, Chart: ReportChart.Bar, ChartColumns: [0]);
    }
}
