using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Tests.Api;

/// <summary>The care team sees what it needs and nobody else does; every read of a record is audited.</summary>
public sealed class DataProtectionTests(ApiApp app) : IClassFixture<ApiApp>
{
    private Task<(Guid EpisodeId, Guid PersonId)> AdmitAsync(HttpClient coordinator, string referent) =>
        app.AdmitAsync(coordinator, referent);

    [Fact]
    public async Task A_referent_opens_the_record_of_a_person_they_follow_but_not_of_someone_else_and_each_read_and_refusal_is_audited()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (_, followed) = await AdmitAsync(coordinator, "referent-a");
        var (_, other) = await AdmitAsync(coordinator, "referent-b");
        var referent = await app.SignedInAsync("referent-a");

        Assert.Equal(HttpStatusCode.OK, (await referent.GetAsync($"/api/people/{followed}")).StatusCode);
        var refused = await referent.GetAsync($"/api/people/{other}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Koné", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await referent.GetAsync($"/api/people/{other}/identity")).StatusCode);

        using var scope = app.Services.CreateScope();
        var audit = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Audit.AsNoTracking()
            .Where(a => a.ActorId == app.Accounts["referent-a"].Id).ToListAsync();
        Assert.Contains(audit, a => a.Action == "person.read" && a.PersonId == followed);
        Assert.DoesNotContain(audit, a => a.Action == "person.read" && a.PersonId == other);
        var denied = Assert.Single(audit, a => a.Action == "person.read.denied" && a.PersonId == other);
        Assert.Equal("Cette personne n'est pas suivie par votre équipe.", denied.Detail);
        Assert.Single(audit, a => a.Action == "identity.read.denied" && a.PersonId == other);
    }

    [Fact]
    public async Task A_regional_viewer_or_an_administrator_trying_to_open_a_record_leaves_a_refusal_in_the_audit_log()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (_, personId) = await AdmitAsync(coordinator, "referent-a");

        foreach (var account in new[] { "ars", "admin" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync(account)).GetAsync($"/api/people/{personId}")).StatusCode);

        using var scope = app.Services.CreateScope();
        var denied = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Audit.AsNoTracking()
            .Where(a => a.Action == "person.read.denied" && a.PersonId == personId).Select(a => a.ActorId).ToListAsync();
        Assert.Equal(new Guid?[] { app.Accounts["ars"].Id, app.Accounts["admin"].Id }.Order(), denied.Order());
    }

    [Fact]
    public async Task Medical_notes_are_shown_to_the_care_staff_only_and_the_identity_read_is_traced()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (episodeId, personId) = await AdmitAsync(coordinator, "referent-a");
        var doctor = await app.SignedInAsync("doctor");
        var socialWorker = await app.SignedInAsync("social-worker");
        Assert.Equal(HttpStatusCode.Forbidden, (await socialWorker.PostAsJsonAsync($"/api/episodes/{episodeId}/notes", new { text = "Diagnostic", medical = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await doctor.PostAsJsonAsync($"/api/episodes/{episodeId}/notes", new { text = "Plaie chronique du pied droit", medical = true })).StatusCode);

        Assert.Contains("Plaie chronique", await doctor.GetStringAsync($"/api/people/{personId}"));
        Assert.DoesNotContain("Plaie chronique", await socialWorker.GetStringAsync($"/api/people/{personId}"));
        Assert.Contains("Koné", await socialWorker.GetStringAsync($"/api/people/{personId}/identity"));
        using var scope = app.Services.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Audit
            .AnyAsync(a => a.Action == "identity.read" && a.PersonId == personId && a.ActorId == app.Accounts["social-worker"].Id));
    }

    [Fact]
    public async Task The_regional_viewer_gets_aggregated_figures_with_small_counts_suppressed_and_no_record()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var (_, personId) = await AdmitAsync(coordinator, "referent-a");
        var ars = await app.SignedInAsync("ars");

        var json = await ars.GetStringAsync("/api/indicators");
        var lhss = JsonDocument.Parse(json).RootElement.EnumerateArray().Single(r => r.GetProperty("device").GetString() == "LHSS");
        Assert.Equal(JsonValueKind.Null, lhss.GetProperty("activeEpisodes").ValueKind);
        Assert.Equal(12, lhss.GetProperty("capacity").GetInt32());
        Assert.DoesNotContain(personId.ToString(), json);
        Assert.DoesNotContain("M. K.", json);
        Assert.Equal(HttpStatusCode.Forbidden, (await ars.GetAsync($"/api/people/{personId}")).StatusCode);
        Assert.Equal("[]", await ars.GetStringAsync("/api/alerts"));
    }

    [Fact]
    public async Task A_referral_with_bad_data_gets_a_400_problem_listing_each_field_and_saves_nothing()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var before = await db.People.CountAsync();

        var response = await coordinator.PostAsJsonAsync("/api/episodes", new { structureId = app.Lhss.Id, newPerson = new { pseudonym = "", birthYear = 1850 } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("newPerson.pseudonym", out _));
        Assert.True(errors.TryGetProperty("newPerson.birthYear", out _));
        Assert.Equal(before, await db.People.CountAsync());

        var identity = await coordinator.PostAsJsonAsync("/api/episodes", new { structureId = app.Lhss.Id,
            newPerson = new { pseudonym = "P. D. 7", birthYear = 1980, sex = "Q", lastName = new string('x', 101), birthDate = "2090-01-01" } });
        Assert.Equal(HttpStatusCode.BadRequest, identity.StatusCode);
        var identityErrors = (await identity.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Sexe : F, M ou non renseigné.", identityErrors.GetProperty("newPerson.sex")[0].GetString());
        Assert.Equal("Le nom compte au plus 100 caractères.", identityErrors.GetProperty("newPerson.lastName")[0].GetString());
        Assert.Contains("La date de naissance ne correspond pas à l'année de naissance indiquée.",
            identityErrors.GetProperty("newPerson.birthDate").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(before, await db.People.CountAsync());

        // The name typed into the pseudonym would reach every board and mail the pseudonym reaches.
        var named = await coordinator.PostAsJsonAsync("/api/episodes", new { structureId = app.Lhss.Id, newPerson = new { pseudonym = "P. Durand 7", lastName = "Durand", firstName = "Pierre" } });
        Assert.Equal(HttpStatusCode.BadRequest, named.StatusCode);
        Assert.Equal("Le pseudonyme contient le nom ou le prénom de la personne : seulement ses initiales et un numéro.",
            (await named.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("newPerson.pseudonym")[0].GetString());
        Assert.Equal(before, await db.People.CountAsync());

        var elsewhere = await coordinator.PostAsJsonAsync("/api/episodes", new { structureId = app.Act.Id, newPerson = new { pseudonym = "X. 1" } });
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(before, await db.People.CountAsync());
    }
}
