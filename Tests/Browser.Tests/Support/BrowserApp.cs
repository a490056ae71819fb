using MediatR;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Orchestrator.Application.Episodes;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Browser.Tests.Support;

/// <summary>
/// The real web app on a loopback port, on a fake clock with clock-driven timers, and Debian's Chromium
/// driven by Playwright (never a downloaded browser).
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string Password = "mot de passe de test";
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(1));
    public static readonly string Screenshots = Path.Combine(FindRepositoryRoot(), "test-output", "screenshots");
    /// <summary>Where the journeys keep the files they download (reports), beside the screenshots.</summary>
    public static readonly string Downloads = Path.Combine(FindRepositoryRoot(), "test-output", "downloads");
    private readonly string _data = Path.Combine(Path.GetTempPath(), "orchestrator-browser-" + Guid.NewGuid().ToString("N"));
    private WebApplication _app = null!;
    private IPlaywright _playwright = null!;

    public FakeTimeProvider Clock { get; } = new(Start);
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => _app.Services;
    public Structure Lhss { get; } = new() { Name = "LHSS Les Tilleuls — Lille", Type = DeviceType.Lhss, Department = "59", City = "Lille" };
    public Structure Act { get; } = new() { Name = "ACT Horizon — Arras", Type = DeviceType.Act, Department = "62", City = "Arras" };
    /// <summary>A structure without a pathway of its own: the people it accepts follow the light accompaniment.</summary>
    public Structure Chrs { get; } = new() { Name = "CHRS Le Phare — Roubaix", Type = DeviceType.Chrs, Department = "59", City = "Roubaix" };
    /// <summary>A second LHSS whose team only the report journeys use, so their people never crowd the other journeys' boards.</summary>
    public Structure Peupliers { get; } = new() { Name = "LHSS Les Peupliers — Roubaix", Type = DeviceType.Lhss, Department = "59", City = "Roubaix" };
    /// <summary>The coordination of complex situations partners file their fiches alerte with.</summary>
    public Structure Coordination { get; } = new() { Name = "Coordination des situations complexes — Métropole lilloise", Type = DeviceType.ComplexSituationCoordination, Department = "59", City = "Lille" };
    public Dictionary<string, StaffMember> Accounts { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        Directory.CreateDirectory(Downloads);
        _app = WebHost.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.WebHost.UseSetting("Orchestrator:DataDirectory", _data);
            builder.WebHost.UseSetting("Orchestrator:DemoData", "false");
            builder.WebHost.UseSetting("Orchestrator:Timers", "clock");
            // Plain HTTP on loopback, and every simulated user signs in from the same address.
            builder.WebHost.UseSetting("Security:HttpsOnly", "false");
            builder.WebHost.UseSetting("Security:SignIn:PerAddressLimit", "100000");
            builder.WebHost.UseSetting("Security:SignIn:PerAccountLimit", "100000"); // the journeys sign the same demo accounts in dozens of times a minute
            builder.Services.AddSingleton<TimeProvider>(Clock);
        });
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await SeedAccountsAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private async Task SeedAccountsAsync()
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        Lhss.Sites.Add(new Site { Name = "Site principal", City = "Lille", Capacity = 12 });
        Act.Sites.Add(new Site { Name = "Appartements", City = "Arras", Capacity = 8 });
        Chrs.Sites.Add(new Site { Name = "Résidence", City = "Roubaix", Capacity = 30 });
        Peupliers.Sites.Add(new Site { Name = "Site principal", City = "Roubaix", Capacity = 10 });
        db.Structures.AddRange(Lhss, Act, Chrs, Peupliers, Coordination);
        Add(db, "admin", "Alice Administratrice", StaffRole.Administrator, null);
        Add(db, "observatoire", "Observatoire régional", StaffRole.RegionalViewer, null);
        Add(db, "coordinateur", "Camille Lefebvre", StaffRole.Coordinator, Lhss.Id);
        Add(db, "medecin", "Dr Antoine Mercier", StaffRole.Doctor, Lhss.Id);
        Add(db, "directeur", "Hélène Caron", StaffRole.Director, Lhss.Id);
        Add(db, "referent", "Sophie Dubois", StaffRole.Referent, Lhss.Id);
        Add(db, "referent2", "Julien Martin", StaffRole.Referent, Lhss.Id);
        Add(db, "partant", "Marc Lemaire", StaffRole.Referent, Lhss.Id); // leaves the team in one journey; nobody else signs in as him
        Add(db, "act", "Nadia Benali", StaffRole.Director, Act.Id);
        Add(db, "act-medecin", "Dr Karim Haddad", StaffRole.Doctor, Act.Id);
        Add(db, "chrs", "Inès Moreau", StaffRole.Director, Chrs.Id);
        Add(db, "chrs-social", "Léo Garnier", StaffRole.SocialWorker, Chrs.Id);
        Add(db, "coordination", "Amandine Roussel", StaffRole.Coordinator, Coordination.Id);
        Add(db, "directrice.peupliers", "Claire Vasseur", StaffRole.Director, Peupliers.Id);
        Add(db, "coordinateur.peupliers", "Yanis Haddad", StaffRole.Coordinator, Peupliers.Id);
        Add(db, "assistante.peupliers", "Lucie Morel", StaffRole.SocialWorker, Peupliers.Id);
        await db.SaveChangesAsync();
    }

    private void Add(OrchestratorDbContext db, string userName, string displayName, StaffRole role, Guid? structureId)
    {
        var member = new StaffMember { UserName = userName, DisplayName = displayName, Role = role, StructureId = structureId };
        member.PasswordHash = LocalAccounts.Hash(member, Password);
        db.Staff.Add(member);
        Accounts[userName] = member;
    }

    /// <summary>Sends a command as the system (or a member), then lets the outbox reach the domain.</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request, StaffMember? actor = null)
    {
        var result = await Services.GetRequiredService<IServiceScopeFactory>().SendAsAsync(actor, request);
        await Services.GetRequiredService<OutboxDispatcher>().DrainAsync();
        return result;
    }

    /// <summary>An LHSS admission decided by the doctor and the director, with <paramref name="referent"/> named.</summary>
    public async Task<AdmissionRequested> AdmitAsync(string pseudonym, string referent)
    {
        var admission = await SendAsync(new RequestAdmissionCommand(Lhss.Id, null, new NewPerson(pseudonym, 1971, "M", "Durand", "Pierre", null), "PASS du CHU")
            { Referral = new(Domain.Pathways.ReferrerType.Doctor) });
        await CompleteAsync(admission.EpisodeId, "medicalOpinion", new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" }, Accounts["medecin"]);
        await CompleteAsync(admission.EpisodeId, "directorDecision", new() { ["decision"] = "admit" }, Accounts["directeur"]);
        await SendAsync(new ChangeReferentCommand(admission.EpisodeId, Accounts[referent].Id), Accounts["coordinateur"]);
        return admission;
    }

    public async Task CompleteAsync(Guid episodeId, string elementId, Dictionary<string, object?>? values = null, StaffMember? actor = null)
    {
        var engineDb = Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Workflows.Persistence.WorkflowDbContext>>();
        await using var db = await engineDb.CreateDbContextAsync();
        var key = episodeId.ToString();
        var task = db.Tasks.Single(t => t.BusinessKey == key && t.ElementId == elementId && t.Status == Workflows.Persistence.HumanTaskStatus.Open);
        await SendAsync(new Application.Tasks.CompleteTaskCommand(task.Id, values ?? new Dictionary<string, object?>()), actor);
    }

    /// <summary>Moves the fake clock timer by timer, as Quartz would fire them.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        var engine = Services.GetRequiredService<WorkflowEngine>();
        var target = Clock.GetUtcNow() + by;
        while (await engine.NextTimerDueAsync() is { } due && due <= target)
        {
            if (due > Clock.GetUtcNow()) Clock.SetUtcNow(due);
            await engine.FireDueTimersAsync();
            await Services.GetRequiredService<OutboxDispatcher>().DrainAsync();
        }
        Clock.SetUtcNow(target);
    }

    /// <summary>What the browser refused to load or run because of the app's content security policy, on any page signed in through <see cref="SignInAsync"/>.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> CspViolations { get; } = new();

    public async Task<IPage> SignInAsync(string userName)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        // A wait is bounded at a minute rather than Playwright's 30 s: on a 2-core machine running the other suites beside this one,
        // a first Blazor render after sign-in was seen to take longer. A wait that fails still fails, a little later.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) CspViolations.Enqueue($"{page.Url}: {message.Text}");
        };
        if (await TrySignInAsync(page, userName) is { } refused)
        {
            // Twice in CI, the journey that ran first stayed on the sign-in page for the whole wait, on a cold app, and never
            // locally. What the page showed is kept, and the journey signs in once more: should that fail too, it fails saying both.
            if (await TrySignInAsync(page, userName) is { } again)
                throw new TimeoutException($"Sign-in of {userName} did not leave {page.Url}. First attempt: {refused} Second attempt: {again}");
            SignInRetries.Enqueue($"{userName}: {refused}");
        }
        return page;
    }

    /// <summary>Sign-ins that had to be tried twice, with what the page showed the first time.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> SignInRetries { get; } = new();

    /// <summary>Signs in on <paramref name="page"/>; null once a page shows the signed-in user, else what the page shows.</summary>
    private static async Task<string?> TrySignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/connexion");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        try
        {
            // Signed in once a page shows who is signed in. Waiting for the address to change instead missed it once in CI: the
            // browser was on « / », signed in, and the wait for the navigation still ran out.
            await page.Locator("[data-testid=current-user]").WaitForAsync(new() { Timeout = 30_000 });
            return null;
        }
        catch (TimeoutException)
        {
            var shown = (await page.InnerTextAsync("body", new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)"))
                .ReplaceLineEndings(" ");
            return $"still on {page.Url} showing « {shown[..Math.Min(shown.Length, 300)]} »";
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln"))) directory = directory.Parent;
        return directory?.FullName ?? AppContext.BaseDirectory;
    }

    public async Task DisposeAsync()
    {
        // Kept beside the screenshots, so that a sign-in that needed a second attempt is read after the run, not forgotten.
        if (!SignInRetries.IsEmpty)
            await File.WriteAllLinesAsync(Path.Combine(Path.GetDirectoryName(Screenshots)!, "sign-in-retries.txt"), SignInRetries);
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
