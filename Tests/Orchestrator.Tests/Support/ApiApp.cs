using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Tests.Support;

/// <summary>The real web host on a temporary SQLite directory, without demo data, with one account per role.</summary>
public class ApiApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "orchestrator-api-" + Guid.NewGuid().ToString("N"));

    public Structure Lhss { get; } = new() { Name = "LHSS Les Tilleuls — Lille", Type = DeviceType.Lhss, Department = "59", City = "Lille" };
    public Structure Act { get; } = new() { Name = "ACT Horizon — Arras", Type = DeviceType.Act, Department = "62", City = "Arras" };
    public Dictionary<string, StaffMember> Accounts { get; } = new();

    /// <summary>Everything the host logged.</summary>
    public LogCapture Logs { get; } = new();

    // Every test signs its users in again, all from the same test client: the sign-in limits would get in the
    // way of tests about something else (SignInApp tests them with small limits).
    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("Orchestrator:DataDirectory", _data).UseSetting("Orchestrator:DemoData", "false")
            .UseSetting("Security:SignIn:PerAddressLimit", "100000").UseSetting("Security:SignIn:PerAccountLimit", "100000")
            .ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(Logs));

    protected virtual Task AfterHostDisposedAsync() => Task.CompletedTask;

    public virtual async Task InitializeAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        Lhss.Sites.Add(new Site { Name = "Site principal", City = "Lille", Capacity = 12 });
        Act.Sites.Add(new Site { Name = "Appartements", City = "Arras", Capacity = 8 });
        db.Structures.AddRange(Lhss, Act);
        Add(db, "admin", StaffRole.Administrator, null);
        Add(db, "ars", StaffRole.RegionalViewer, null);
        Add(db, "coordinator", StaffRole.Coordinator, Lhss.Id);
        Add(db, "doctor", StaffRole.Doctor, Lhss.Id);
        Add(db, "director", StaffRole.Director, Lhss.Id);
        Add(db, "social-worker", StaffRole.SocialWorker, Lhss.Id);
        Add(db, "referent-a", StaffRole.Referent, Lhss.Id);
        Add(db, "referent-b", StaffRole.Referent, Lhss.Id);
        Add(db, "act-director", StaffRole.Director, Act.Id);
        await db.SaveChangesAsync();
    }

    private void Add(OrchestratorDbContext db, string userName, StaffRole role, Guid? structureId)
    {
        var member = new StaffMember { UserName = userName, DisplayName = userName, Role = role, StructureId = structureId };
        member.PasswordHash = LocalAccounts.Hash(member, Password);
        db.Staff.Add(member);
        Accounts[userName] = member;
    }

    /// <summary>
    /// A referral to the LHSS admitted through the API: the coordinator refers, the doctor gives the medical opinion
    /// and the director decides from their "my tasks", then the coordinator names the referent.
    /// </summary>
    public async Task<(Guid EpisodeId, Guid PersonId)> AdmitAsync(HttpClient coordinator, string referent)
    {
        var response = await coordinator.PostAsJsonAsync("/api/episodes", new
        {
            structureId = Lhss.Id,
            newPerson = new { pseudonym = TestPseudonyms.Next("M. K."), birthYear = 1968, lastName = "Koné", firstName = "Moussa" },
            referredBy = "PASS du CHU de Lille", referral = new { type = "Doctor" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var (episodeId, personId) = (created.GetProperty("episodeId").GetGuid(), created.GetProperty("personId").GetGuid());
        await DrainAsync();
        await CompleteAsync(await SignedInAsync("doctor"), episodeId, "medicalOpinion", new { hospitalCareNeeded = false, opinion = "favourable" });
        await CompleteAsync(await SignedInAsync("director"), episodeId, "directorDecision", new { decision = "admit" });
        var put = await coordinator.PutAsJsonAsync($"/api/episodes/{episodeId}/referent", new { staffId = Accounts[referent].Id });
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        return (episodeId, personId);
    }

    public async Task CompleteAsync(HttpClient client, Guid episodeId, string elementId, object values)
    {
        var tasks = await client.GetFromJsonAsync<JsonElement>("/api/tasks/mine");
        var task = tasks.EnumerateArray().Single(t => t.GetProperty("episodeId").GetGuid() == episodeId && t.GetProperty("elementId").GetString() == elementId);
        var response = await client.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetGuid()}/complete", values);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await DrainAsync();
    }

    /// <summary>Hands every committed workflow event to the domain now rather than when the dispatcher wakes.</summary>
    public Task DrainAsync() => Services.GetRequiredService<OutboxDispatcher>().DrainAsync();

    /// <summary>A client signed in as <paramref name="userName"/>, its cookie kept by the client.</summary>
    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await AfterHostDisposedAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
