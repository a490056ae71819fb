using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>The scale-out configuration: the whole app on PostgreSQL, timers on a clustered Quartz store there.</summary>
public sealed class PostgresAppTests(PostgresApiApp app) : IClassFixture<PostgresApiApp>
{
    [PostgresFact]
    public async Task On_PostgreSQL_a_referral_is_admitted_followed_and_read_and_the_regional_figures_stay_aggregated()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (episodeId, personId) = await app.AdmitAsync(coordinator, "referent-a");

        var referent = await app.SignedInAsync("referent-a");
        var record = await referent.GetFromJsonAsync<JsonElement>($"/api/people/{personId}");
        Assert.Contains("M. K.", record.GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/api/alerts?department=59")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/api/structures/occupancy")).StatusCode);
        var indicators = await (await app.SignedInAsync("ars")).GetStringAsync("/api/indicators");
        Assert.DoesNotContain(personId.ToString(), indicators);
        // The reports read the same tables on PostgreSQL: a recourse, the director's text, the evaluation and the regional version.
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/people/{personId}/recourses", new { kind = "Appointment" })).StatusCode);
        var director = await app.SignedInAsync("director");
        var year = DateTime.UtcNow.Year;
        Assert.Equal(HttpStatusCode.NoContent, (await director.PutAsJsonAsync($"/api/reports/{app.Lhss.Id}/{year}/texts/presentation", new { text = "Texte de la direction" })).StatusCode);
        var evaluation = await director.GetFromJsonAsync<JsonElement>($"/api/reports/evaluation-lhss?structure={app.Lhss.Id}&year={year}");
        Assert.Equal(1, ReportApiTests.Cell(evaluation, "Recours aux soins extérieurs", "Rendez-vous extérieur", 3));
        Assert.Equal(1, ReportApiTests.Cell(evaluation, "Demandes d'admission, admissions et refus", "Admissions", 3));
        Assert.Contains("Texte de la direction", evaluation.GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync("ars")).GetAsync($"/api/reports/regional?year={year}&format=pdf")).StatusCode);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
        Assert.Contains(await db.Audit.AsNoTracking().Where(a => a.PersonId == personId).ToListAsync(), a => a.Action == "person.read");

        // The stay's timers wait in the engine's tables, on PostgreSQL too.
        var episode = await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == episodeId);
        await using var engine = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.True(await engine.Bookmarks.AnyAsync(b => b.InstanceId == episode.InstanceId && b.Kind == BookmarkKind.Timer));
    }
}
