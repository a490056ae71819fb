using Bogus;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Reports;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;

namespace Orchestrator.Demo;

/// <summary>
/// What the demo's reports read beyond the pathways: a coded entry profile on referrals to ACT and LAM, the recourses to
/// outside care teams record during stays, and the director's first texts of the year's evaluation of the demo LHSS.
/// </summary>
internal static class DemoReporting
{
    private static readonly (CareRecourseKind Kind, float Weight)[] Recourses =
    [
        (CareRecourseKind.Appointment, 0.45f), (CareRecourseKind.Accompaniment, 0.25f), (CareRecourseKind.MedicalTransport, 0.15f),
        (CareRecourseKind.EmergencyCall, 0.08f), (CareRecourseKind.EmergencyTransfer, 0.07f),
    ];

    /// <summary>A pathology category (ACT, LAM) and a housing situation before entry, as referrers give them.</summary>
    public static (PathologyCategory?, HousingSituation?) EntryProfile(DeviceType device, Randomizer random)
    {
        var housing = random.WeightedRandom(
            [HousingSituation.Street, HousingSituation.EmergencyShelter, HousingSituation.Hotel, HousingSituation.HostedByRelatives, HousingSituation.Squat, HousingSituation.Institution, HousingSituation.OwnHousing],
            [0.3f, 0.25f, 0.1f, 0.12f, 0.08f, 0.1f, 0.05f]);
        if (device is not (DeviceType.Act or DeviceType.ActChezSoiDabord or DeviceType.Lam)) return (null, housing);
        var pathology = device == DeviceType.ActChezSoiDabord ? PathologyCategory.MentalHealth : random.WeightedRandom(
            [PathologyCategory.Hiv, PathologyCategory.Hepatitis, PathologyCategory.Cancer, PathologyCategory.OtherChronicIllness, PathologyCategory.MentalHealth, PathologyCategory.Addiction],
            [0.25f, 0.12f, 0.18f, 0.2f, 0.15f, 0.1f]);
        return (pathology, housing);
    }

    /// <summary>About one recourse every ten days of stay in LHSS, LAM and ACT, recorded by a member of the team; the LHSS director's texts.</summary>
    public static async Task AddAsync(IServiceProvider provider, Randomizer random, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var residential = new[] { DeviceType.Lhss, DeviceType.Lam, DeviceType.Act };
        var stays = await db.Episodes.AsNoTracking().Where(e => e.AdmittedAt != null && residential.Contains(e.DeviceType)).ToListAsync(ct);
        var teams = (await db.Staff.AsNoTracking().Where(s => s.StructureId != null && s.Role == StaffRole.Nurse).ToListAsync(ct))
            .GroupBy(s => s.StructureId!.Value).ToDictionary(g => g.Key, g => g.First().Id);
        foreach (var stay in stays.Where(s => teams.ContainsKey(s.StructureId)))
        {
            var end = stay.ExitedAt ?? now;
            var days = (end - stay.AdmittedAt!.Value).TotalDays;
            for (var i = 0; i < (int)(days / 10) + random.Number(0, 1); i++)
                db.CareRecourses.Add(new CareRecourse
                {
                    PersonId = stay.PersonId, EpisodeId = stay.Id, StructureId = stay.StructureId, RecordedBy = teams[stay.StructureId],
                    Kind = random.WeightedRandom(Recourses.Select(r => r.Kind).ToArray(), Recourses.Select(r => r.Weight).ToArray()),
                    At = stay.AdmittedAt.Value.AddHours(random.Double(0, Math.Max(days, 0) * 24)),
                });
        }
        var director = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.UserName == "directeur", ct);
        if (director?.StructureId is { } lhss)
        {
            Write(db, lhss, now.Year, "presentation", director.Id, now,
                "Lits halte soins santé ouverts toute l'année, 24 heures sur 24, sur un site principal et un site annexe ; l'équipe pluridisciplinaire "
                + "accueille des personnes sans domicile dont l'état de santé ne relève pas de l'hôpital mais exige des soins.");
            Write(db, lhss, now.Year, "partnerships", director.Id, now,
                "Conventions avec la PASS du CHU, le laboratoire d'analyses et la pharmacie du quartier ; les transports sanitaires restent difficiles à obtenir le week-end.");
        }
        await db.SaveChangesAsync(ct);
    }

    private static void Write(OrchestratorDbContext db, Guid structureId, int year, string section, Guid by, DateTimeOffset at, string text)
    {
        var narrative = new ReportNarrative { StructureId = structureId, Year = year, Section = section };
        narrative.Write(text, by, at);
        db.ReportNarratives.Add(narrative);
    }
}
