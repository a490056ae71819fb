using Orchestrator.Domain.Pathways;
using Orchestrator.Application.Reports;
using Orchestrator.Domain.Reports;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using static Orchestrator.Tests.Reports.ReportFacts;

namespace Orchestrator.Tests.Reports;

/// <summary>
/// The LHSS annual evaluation on a dataset small enough to check by hand: every expected value below is worked out in
/// the comments from the stays listed in <see cref="Dataset"/> (10 places, year 2026, the report made on 15 January 2027).
/// </summary>
public sealed class LhssEvaluationTests
{
    private static readonly Guid Lhss = Guid.NewGuid();
    private static readonly Guid Anne = Guid.NewGuid(), Bruno = Guid.NewGuid(), Cyril = Guid.NewGuid(), Dora = Guid.NewGuid(), Eden = Guid.NewGuid();

    // Anne (F, 1970): 5 Jan → 4 Feb 2026, 30 days, planned exit to housing, referred by the PASS.
    // Bruno (M, 1980): 10 Jan → 1 Mar 2026, 50 days, exit to hospital; back 25 Mar 2026, still there.
    // Cyril (M, 1960): referred 1 Feb 2026, not admitted: relevant to hospital care.
    // Dora (F, birth year unknown): referred 1 Apr 2026, refused by the director.
    // Eden (sex not recorded, 1990): 28 Dec 2025 → 7 Jan 2026, 10 days, left against medical advice: the year before exists.
    private static ReportDataset Dataset() => new(
        [new StructureFacts(Lhss, "LHSS Les Tilleuls", "59", DeviceType.Lhss, 10)],
        [
            Stay(Lhss, Anne, "F", 1970, Utc(2026, 1, 2), Utc(2026, 1, 5), Utc(2026, 2, 4), ReferrerType.Doctor,
                [("exitDecision", "exitType", "planned"), ("exitOrientation", "destination", "logement")]),
            Stay(Lhss, Bruno, "M", 1980, Utc(2026, 1, 10), Utc(2026, 1, 10), Utc(2026, 3, 1), ReferrerType.SiaoWithHealthProfessional,
                [("exitDecision", "exitType", "planned"), ("exitOrientation", "destination", "hopital")]),
            Stay(Lhss, Bruno, "M", 1980, Utc(2026, 3, 20), Utc(2026, 3, 25), null, ReferrerType.SiaoWithHealthProfessional),
            Stay(Lhss, Cyril, "M", 1960, Utc(2026, 2, 1), null, null, ReferrerType.Doctor, [("medicalOpinion", "hospitalCareNeeded", "true")], notAdmitted: true),
            Stay(Lhss, Dora, "F", null, Utc(2026, 4, 1), null, null, null, [("medicalOpinion", "opinion", "favourable"), ("directorDecision", "decision", "refuse")], notAdmitted: true),
            Stay(Lhss, Eden, null, 1990, Utc(2025, 12, 20), Utc(2025, 12, 28), Utc(2026, 1, 7), ReferrerType.HealthProfessional,
                [("exitDecision", "exitType", "against-advice"), ("exitOrientation", "destination", "rue")]),
        ],
        [
            new RecourseFacts(Lhss, Anne, "F", CareRecourseKind.Appointment, Utc(2026, 1, 10)),
            new RecourseFacts(Lhss, Anne, "F", CareRecourseKind.Appointment, Utc(2026, 1, 20)),
            new RecourseFacts(Lhss, Bruno, "M", CareRecourseKind.EmergencyCall, Utc(2026, 2, 10)),
            new RecourseFacts(Lhss, Eden, null, CareRecourseKind.Accompaniment, Utc(2025, 12, 30)),
        ],
        [], [],
        [new StaffFacts(Lhss, StaffRole.Director), new StaffFacts(Lhss, StaffRole.Doctor), new StaffFacts(Lhss, StaffRole.Doctor), new StaffFacts(Lhss, StaffRole.SocialWorker)],
        Utc(2027, 1, 15));

    private static Report Build(IReadOnlyDictionary<string, string>? texts = null)
    {
        var data = Dataset();
        return new Report("evaluation-lhss", "Évaluation annuelle LHSS", "LHSS Les Tilleuls (59)", 2026, data.Now, false,
            LhssEvaluationBuilder.Build(new StructureScope(data, data.Structures[0], 2026), texts ?? new Dictionary<string, string>()));
    }

    [Fact]
    public void Monthly_occupancy_counts_nights_of_presence_over_places_times_days_and_compares_with_the_year_before()
    {
        var report = Build();
        const string table = "Taux de remplissage mensuel des places";
        // January: Anne 5→31 Jan = 27 nights, Bruno 10→31 = 22, Eden 1→7 = 6: 55 over 10 × 31 = 17.7 %; the year before had no January stay.
        Assert.Equal(["55", "310", "17,7", "27", "22", "6", "0"], Row(report, table, "Janvier"));
        // February: Anne 1→4 = 3, Bruno 1 Feb→1 Mar = 28: 31 over 280 = 11.1 %.
        Assert.Equal(["31", "280", "11,1", "3", "28", "0", "0"], Row(report, table, "Février"));
        // March: Bruno leaves on the 1st (0 night), comes back on the 25th: 7 nights.
        Assert.Equal(["7", "310", "2,3", "0", "7", "0", "0"], Row(report, table, "Mars"));
        Assert.Equal(["30", "300", "10", "0", "30", "0", "0"], Row(report, table, "Avril"));
        // The year: 55 + 31 + 7 + 275 (April to December) = 368 over 3650 = 10.1 %: Anne 27 + 3 = 30, Bruno 22 + 28 + 7 + 275 = 332,
        // Eden 6; 2025: Eden's 4 nights over 3650 = 0.1 %.
        Assert.Equal(["368", "3650", "10,1", "30", "332", "6", "0,1"], Row(report, table, "Année"));
    }

    [Fact]
    public void Requests_admissions_and_refusals_are_counted_by_sex_with_their_reasons()
    {
        var report = Build();
        const string table = "Demandes d'admission, admissions et refus";
        // Columns: women, men, not recorded, total 2026, total 2025.
        Assert.Equal(["Femmes", "Hommes", "Non renseigné", "Total 2026", "Total 2025"], Table(report, table).Columns);
        Assert.Equal(["2", "3", "0", "5", "1"], Row(report, table, "Demandes d'admission reçues"));
        Assert.Equal(["1", "2", "0", "3", "1"], Row(report, table, "Admissions"));
        Assert.Equal(["1", "1", "0", "2", "0"], Row(report, table, "Refus et demandes sans suite"));
        Assert.Equal(["0", "1", "0", "1", "0"], Row(report, table, "dont : Relève de soins hospitaliers"));
        Assert.Equal(["1", "0", "0", "1", "0"], Row(report, table, "dont : Refus motivé de la direction"));
        // Admissions over decided referrals: women 1 of 2, men 2 of 3, all 3 of 5; 2025: Eden's one admission.
        Assert.Equal(["50", "66,7", "—", "60", "100"], Row(report, table, "Taux d'admission (%)"));
    }

    [Fact]
    public void People_received_stays_per_person_mean_age_and_mean_length_follow_the_outline()
    {
        var report = Build();
        const string table = "Personnes accueillies et séjours";
        // Anne, Bruno (two stays) and Eden were present in 2026; only Eden in 2025.
        Assert.Equal(["1", "1", "1", "3", "1"], Row(report, table, "Personnes reçues au cours de l'année"));
        Assert.Equal(["1", "2", "1", "4", "1"], Row(report, table, "Séjours au cours de l'année"));
        Assert.Equal(["1", "2", "1", "1,3", "1"], Row(report, table, "Séjours par personne"));
        // Ages at the latest admission: Anne 2026 − 1970 = 56, Bruno 2026 − 1980 = 46, Eden 2025 − 1990 = 35; mean 45.7.
        Assert.Equal(["56", "46", "35", "45,7", "35"], Row(report, table, "Âge moyen à l'admission (ans)"));
        // Stays ended in 2026: Anne 30 days, Bruno 50, Eden 10: mean 30; none ended in 2025.
        Assert.Equal(["30", "50", "10", "30", "—"], Row(report, table, "Durée moyenne des séjours terminés (jours)"));
        Assert.Equal(["0", "0", "0", "0", "0"], Row(report, table, "Séjours terminés de plus de deux mois"));
    }

    [Fact]
    public void An_exit_to_hospital_followed_by_a_return_is_an_interruption_and_a_return_caused_by_hospitalisation()
    {
        var report = Build();
        const string table = "Interruptions et retours";
        Assert.Equal(["0", "1", "0", "1", "0"], Row(report, table, "Interruptions (séjour terminé suivi d'un retour)"));
        Assert.Equal(["0", "1", "0", "1", "0"], Row(report, table, "dont : Hospitalisation"));
        Assert.Equal(["0", "0", "0", "0", "0"], Row(report, table, "dont : Sortie contre avis médical"));
        Assert.Equal(["0", "1", "0", "1", "0"], Row(report, table, "Retours dans la structure"));
        Assert.Equal(["0", "1", "0", "1", "0"], Row(report, table, "dont après : Hospitalisation"));
    }

    [Fact]
    public void Exits_are_given_by_type_and_destination()
    {
        var report = Build();
        const string table = "Sorties : type et destination";
        Assert.Equal(["1", "1", "1", "3", "0"], Row(report, table, "Sorties"));
        Assert.Equal(["1", "1", "0", "2", "0"], Row(report, table, "type : Sortie programmée (avis médical)"));
        Assert.Equal(["0", "0", "1", "1", "0"], Row(report, table, "type : Sortie contre avis médical"));
        Assert.Equal(["1", "0", "0", "1", "0"], Row(report, table, "destination : Logement"));
        Assert.Equal(["0", "1", "0", "1", "0"], Row(report, table, "destination : Hôpital"));
        Assert.Equal(["0", "0", "1", "1", "0"], Row(report, table, "destination : Rue"));
    }

    [Fact]
    public void Recourses_to_outside_care_staff_and_referrers_are_counted()
    {
        var report = Build();
        Assert.Equal(["2", "0", "0", "2", "0"], Row(report, "Recours aux soins extérieurs", "Rendez-vous extérieur"));
        Assert.Equal(["0", "0", "0", "0", "1"], Row(report, "Recours aux soins extérieurs", "Accompagnement à un rendez-vous"));
        Assert.Equal(["0", "1", "0", "1", "0"], Row(report, "Recours aux soins extérieurs", "Appel au 15 / pompiers"));
        Assert.Equal(["0", "0", "0", "0", "0"], Row(report, "Recours aux soins extérieurs", "Transfert hospitalier en urgence"));
        Assert.Equal(["2"], Row(report, "Personnels par fonction", "Médecins"));
        Assert.Equal(["1"], Row(report, "Personnels par fonction", "Direction"));
        Assert.Equal(["1", "1", "0", "2", "0"], Row(report, "Qui a adressé les personnes", "Médecin"));
        Assert.Equal(["0", "2", "0", "2", "0"], Row(report, "Qui a adressé les personnes", "SIAO comprenant un professionnel de santé"));
        Assert.Equal(["1", "0", "0", "1", "0"], Row(report, "Qui a adressé les personnes", "Non renseigné"));
    }

    [Fact]
    public void The_outline_s_four_parts_hold_the_director_s_texts_and_an_empty_place_for_the_others()
    {
        var report = Build(new Dictionary<string, string> { ["presentation"] = "Ouverts toute l'année.", ["conclusions"] = "Renforcer les partenariats." });

        Assert.Equal(["I. Présentation de la structure", "II. Aspect quantitatif", "III. Aspect qualitatif", "IV. Conclusions et perspectives"],
            report.Sections.Select(s => s.Title));
        Assert.Equal("Ouverts toute l'année.", report.Sections[0].Texts.Single(t => t.Section == "presentation").Text);
        Assert.Equal("Renforcer les partenariats.", report.Sections[3].Texts.Single().Text);
        Assert.All(report.Sections[2].Texts, t => Assert.Equal("", t.Text));
        Assert.Equal(9, report.Sections[2].Texts.Count);
    }

    [Fact]
    public void Without_a_year_before_there_is_no_comparison_column()
    {
        var data = Dataset() with { Episodes = Dataset().Episodes.Where(e => e.PersonId != Eden).ToList() };
        var sections = LhssEvaluationBuilder.Build(new StructureScope(data, data.Structures[0], 2026), new Dictionary<string, string>());

        var demand = sections.SelectMany(s => s.Tables).Single(t => t.Title == "Demandes d'admission, admissions et refus");
        Assert.Equal(["Femmes", "Hommes", "Non renseigné", "Total 2026"], demand.Columns);
    }
}
