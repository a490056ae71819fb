using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Security;

namespace Orchestrator.Tests.Support;

/// <summary>The real web host on a temporary SQLite directory, without demo data, with one account per role.</summary>
public sealed class ApiApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "orchestrator-api-" + Guid.NewGuid().ToString("N"));

    public Structure Lhss { get; } = new() { Name = "LHSS Les Tilleuls — Lille", Type = DeviceType.Lhss, Department = "59", City = "Lille" };
    public Structure Act { get; } = new() { Name = "ACT Horizon — Arras", Type = DeviceType.Act, Department = "62", City = "Arras" };
    public Dictionary<string, StaffMember> Accounts { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("Orchestrator:DataDirectory", _data).UseSetting("Orchestrator:DemoData", "false");

    public async Task InitializeAsync()
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
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
