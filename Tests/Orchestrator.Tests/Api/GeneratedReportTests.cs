using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.People;
using Orchestrator.Domain.Reports;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Api.ReportApiTests;

namespace Orchestrator.Tests.Api;

/// <summary>
/// A generated two-year history of one LHSS (random sexes, ages, referrals, refusals, stays and recourses), and the
/// annual evaluation's figures for the second year checked against queries written independently of the report:
/// counts by LINQ over the tables, place-days by walking the days one by one.
/// </summary>
public sealed class GeneratedReportTests(ApiApp app) : IClassFixture<ApiApp>
{
    // The report's year, midnight to midnight in Paris; the year before it starts at the previous such midnight.
    private static readonly (DateTimeOffset From, DateTimeOffset To) Year2026 = Orchestrator.Application.Reports.Figures.Year(2026);
    private static readonly DateTimeOffset From = Year2026.From, To = Year2026.To;

    [Fact]
    public async Task On_generated_data_the_evaluation_equals_independent_queries()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.True(now > From.AddMonths(1), "the generated history ends before today");
        await GenerateAsync(now.AddDays(-2));
        var report = await (await app.SignedInAsync("director")).GetFromJsonAsync<JsonElement>($"/api/reports/evaluation-lhss?structure={app.Lhss.Id}&year=2026");

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var mine = from e in db.Episodes where e.StructureId == app.Lhss.Id join p in db.People on e.PersonId equals p.Id select new { e, p.Sex };
        var requests = await mine.Where(x => x.e.RequestedAt >= From && x.e.RequestedAt < To).GroupBy(x => x.Sex).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        const string demand = "Demandes d'admission, admissions et refus";
        Assert.Equal(requests.Where(r => r.Key == "F").Sum(r => r.Count), Cell(report, demand, "Demandes d'admission reçues", 0));
        Assert.Equal(requests.Where(r => r.Key == "M").Sum(r => r.Count), Cell(report, demand, "Demandes d'admission reçues", 1));
        Assert.Equal(requests.Where(r => r.Key == null).Sum(r => r.Count), Cell(report, demand, "Demandes d'admission reçues", 2));
        Assert.Equal(await mine.CountAsync(x => x.e.AdmittedAt >= From && x.e.AdmittedAt < To), Cell(report, demand, "Admissions", 3));
        Assert.Equal(await mine.CountAsync(x => x.e.AdmittedAt >= Orchestrator.Application.Reports.Figures.Year(2025).From && x.e.AdmittedAt < From), Cell(report, demand, "Admissions", 4));
        Assert.Equal(await mine.CountAsync(x => x.e.Status == EpisodeStatus.NotAdmitted && x.e.ClosedAt >= From && x.e.ClosedAt < To), Cell(report, demand, "Refus et demandes sans suite", 3));

        const string people = "Personnes accueillies et séjours";
        Assert.Equal(await mine.Where(x => x.e.AdmittedAt < To && (x.e.ExitedAt == null || x.e.ExitedAt >= From)).Select(x => x.e.PersonId).Distinct().CountAsync(),
            Cell(report, people, "Personnes reçues au cours de l'année", 3));
        var ended = await mine.Where(x => x.e.AdmittedAt != null && x.e.ExitedAt >= From && x.e.ExitedAt < To).Select(x => new { x.e.AdmittedAt, x.e.ExitedAt }).ToListAsync();
        Assert.Equal(Math.Round((decimal)ended.Average(x => Day(x.ExitedAt!.Value).DayNumber - Day(x.AdmittedAt!.Value).DayNumber), 1, MidpointRounding.AwayFromZero),
            Cell(report, people, "Durée moyenne des séjours terminés (jours)", 3));

        // Place-days by walking each day of the year up to yesterday and counting who slept there.
        var stays = await mine.Where(x => x.e.AdmittedAt != null).Select(x => new { x.e.AdmittedAt, x.e.ExitedAt }).ToListAsync();
        var placeDays = 0;
        for (var day = Day(From); day < Day(To) && day < Day(now); day = day.AddDays(1))
            placeDays += stays.Count(s => Day(s.AdmittedAt!.Value) <= day && day < Day(s.ExitedAt ?? now));
        const string occupancy = "Taux de remplissage mensuel des places";
        Assert.Equal(placeDays, Cell(report, occupancy, "Année", 0));
        Assert.Equal(12 * (Day(now).DayNumber - Day(From).DayNumber), Cell(report, occupancy, "Année", 1));

        var recourses = await db.CareRecourses.Where(r => r.StructureId == app.Lhss.Id && r.At >= From && r.At < To)
            .GroupBy(r => r.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.All(Enum.GetValues<CareRecourseKind>(), kind =>
            Assert.Equal(recourses.Where(r => r.Key == kind).Sum(r => r.Count), Cell(report, "Recours aux soins extérieurs", kind.Label(), 3)));
        Assert.True(placeDays > 0 && recourses.Sum(r => r.Count) > 0, "the generated year has stays and recourses");

        // The regional indicators of the same year and device, counted by the database, equal the same reading (1 to 10 hidden).
        var row = (await (await app.SignedInAsync("ars")).GetFromJsonAsync<JsonElement>("/api/indicators?year=2026")).EnumerateArray()
            .Single(r => r.GetProperty("department").GetString() == app.Lhss.Department && r.GetProperty("device").GetString() == app.Lhss.Type.Label());
        var sameDevice = db.Structures.Where(s => s.Department == app.Lhss.Department && s.Type == app.Lhss.Type).Select(s => s.Id);
        var theirs = db.Episodes.Where(e => sameDevice.Contains(e.StructureId));
        static int? Shown(int count) => count is >= 1 and <= 10 ? null : count;
        static int? Read(JsonElement row, string name) => row.GetProperty(name).ValueKind == JsonValueKind.Null ? null : row.GetProperty(name).GetInt32();
        Assert.Equal(Shown(await theirs.CountAsync(e => e.Status == EpisodeStatus.Active)), Read(row, "activeEpisodes"));
        Assert.Equal(Shown(await theirs.CountAsync(e => e.AdmittedAt >= From && e.AdmittedAt < To)), Read(row, "admissions"));
        Assert.Equal(Shown(await theirs.CountAsync(e => e.Status == EpisodeStatus.NotAdmitted && e.ClosedAt >= From && e.ClosedAt < To)), Read(row, "notAdmitted"));
        var exits = await theirs.Where(e => e.AdmittedAt != null && e.ExitedAt >= From && e.ExitedAt < To).Select(e => new { e.AdmittedAt, e.ExitedAt }).ToListAsync();
        Assert.True(exits.Count > 10, "the generated year has more than ten exits");
        Assert.Equal(exits.Count, Read(row, "exits"));
        Assert.Equal(Math.Round(exits.Average(e => (e.ExitedAt!.Value - e.AdmittedAt!.Value).TotalDays), 1), row.GetProperty("meanStayDays").GetDouble(), 3);
    }

    // The day the screens show for an instant: its Paris calendar date.
    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);

    /// <summary>150 referrals from 1 January 2025 to <paramref name="until"/>: a fifth not admitted, most stays ended, recourses during stays.</summary>
    private async Task GenerateAsync(DateTimeOffset until)
    {
        var random = new Random(20260101);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var span = (int)(until - Orchestrator.Application.Reports.Figures.Year(2025).From).TotalDays;
        for (var i = 0; i < 150; i++)
        {
            var person = new Person { Pseudonym = $"G{i}", Sex = random.Next(5) switch { 0 => null, 1 or 2 => "F", _ => "M" }, BirthYear = random.Next(1950, 2005) };
            db.People.Add(person);
            var requested = Orchestrator.Application.Reports.Figures.Year(2025).From.AddDays(random.Next(span)).AddHours(random.Next(24));
            var episode = new Episode
            {
                PathwayId = Guid.NewGuid(), PersonId = person.Id, StructureId = app.Lhss.Id, DeviceType = DeviceType.Lhss, DefinitionKey = "lhss", RequestedAt = requested,
            };
            if (random.Next(5) == 0) episode.Close(requested.AddDays(random.Next(1, 4)) is var closed && closed < until ? closed : until);
            else
            {
                var admitted = requested.AddDays(random.Next(0, 5)) is var a && a < until ? a : until;
                episode.MoveTo(EpisodeStage.Stay, admitted);
                var exit = admitted.AddDays(random.Next(3, 150)).AddHours(random.Next(24));
                if (exit < until && random.Next(4) > 0)
                {
                    episode.MoveTo(EpisodeStage.Exit, exit);
                    episode.Close(exit);
                }
                for (var r = random.Next(0, 4); r > 0; r--)
                {
                    var at = admitted.AddHours(random.Next(1, 24 * 60));
                    if (at < until && at < (episode.ExitedAt ?? until))
                        db.CareRecourses.Add(new CareRecourse { PersonId = person.Id, EpisodeId = episode.Id, StructureId = app.Lhss.Id, Kind = (CareRecourseKind)random.Next(5), At = at });
                }
            }
            db.Episodes.Add(episode);
        }
        await db.SaveChangesAsync();
    }
}
