using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Hosting;
using Orchestrator.Persistence;

namespace Orchestrator.Cli.Scale;

/// <summary>
/// <c>scale routes --data DIR [--samples 30]</c>: starts the real web app on a free loopback port against the SQLite files a
/// <c>scale --keep DIR</c> run left, times the screens' queries in its services, signs in over HTTP as the people <see cref="ScreenSubjects"/> chooses (the region's
/// accounts have the demo password) and times each screen's API route: p50 and p95 in ms, as a browser's call would see it;
/// then prints the web app's working set. With <c>--waiting N</c> the web app first starts instances waiting on a timer a month
/// away (the <c>scale timers</c> process) until N instances wait in its database, so that its working set is measured with them.
/// </summary>
internal static class RoutesCommand
{
    /// <summary>The password <see cref="Demo.DemoDirectory"/> gives every account of a simulated region.</summary>
    private const string RegionPassword = "demo";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var data = new Option<string>("--data") { Description = "The folder a `scale --keep` run wrote (orchestrator.db).", HelpName = "folder", Required = true };
        var samples = CommandLine.AtLeast("--samples", 1, 30, "Timed calls of each route, after two untimed.");
        var waiting = CommandLine.AtLeast("--waiting", 0, 0,
            "Before timing, start instances waiting on a timer a month away until this many instances wait in the database (0: none).");
        var command = new Command("routes", "Time the screens' API routes on the real web app, over HTTP with signed-in clients, against a kept region.")
        {
            data, samples, waiting,
        };
        command.SetAction((parsed, ct) => RunAsync(parsed.GetValue(data)!, parsed.GetValue(samples), parsed.GetValue(waiting), stdout, stderr, ct));
        return command;
    }

    private static async Task<int> RunAsync(string data, int samples, int waitingTarget, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var folder = Path.GetFullPath(data);
        if (!File.Exists(Path.Combine(folder, "orchestrator.db")))
        {
            await stderr.WriteLineAsync($"routes: no orchestrator.db in {folder}; build one with `scale --keep {data}`.");
            return 2;
        }
        await using var app = WebHost.Build([$"--Orchestrator:DataDirectory={folder}", "--Orchestrator:DemoData=false", "--urls=http://127.0.0.1:0",
            "--Serilog:MinimumLevel:Default=Warning", "--Security:SignIn:PerAddressLimit=1000", "--environment=Production",
            // Plain HTTP on loopback, inside this process: nothing leaves the machine, so the cookie need not be HTTPS-only here.
            "--Security:HttpsOnly=false"]);
        await app.StartAsync(ct);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            if (waitingTarget > 0) await ArmWaitingAsync(app.Services, waitingTarget, stdout, ct);
            ScreenSubjects subjects;
            await using (var scope = app.Services.CreateAsyncScope())
                subjects = await ScreenSubjects.FindAsync(scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>(), ct);
            // The queries first, in the web app's own services, then the same screens through their routes.
            await ScreenTimings.PrintAsync(app.Services, samples, stdout, ct);
            var clients = new Dictionary<Guid, HttpClient>();
            await stdout.WriteLineAsync($"API routes               {samples} timed calls each after 2 untimed, on {address}; p50 / p95 in ms, rows returned");
            foreach (var screen in subjects.Screens(DateTimeOffset.UtcNow.Year).Where(s => s.Route is not null))
            {
                if (!clients.TryGetValue(screen.Who.Id, out var client))
                    clients[screen.Who.Id] = client = await SignedInAsync(new Uri(address), screen.Who.UserName, ct);
                await ScreenTimings.PrintAsync($"GET {screen.Route!.Split('?')[0]} ({screen.Name})", samples, stdout, async () =>
                {
                    using var response = await client.GetAsync(screen.Route, ct);
                    response.EnsureSuccessStatusCode();
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                    return body.ValueKind == JsonValueKind.Array ? body.GetArrayLength() : 1;
                });
            }
            foreach (var client in clients.Values) client.Dispose();
            int waiting;
            await using (var wf = await app.Services.GetRequiredService<IDbContextFactory<Workflows.Persistence.WorkflowDbContext>>().CreateDbContextAsync(ct))
                waiting = await wf.Instances.CountAsync(i => i.Status == Workflows.Persistence.InstanceStatus.Running, ct);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await stdout.WriteLineAsync($"host memory              {System.Diagnostics.Process.GetCurrentProcess().WorkingSet64 / 1024.0 / 1024.0:F0} MB working set of the web app " +
                $"after these calls, with {waiting} waiting instances in its database");
            return 0;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Starts, through the web app's own engine, instances of the <c>scale timers</c> process due a month from now (beyond the
    /// Quartz horizon, so in the database only) until <paramref name="target"/> instances are running.
    /// </summary>
    private static async Task ArmWaitingAsync(IServiceProvider services, int target, TextWriter stdout, CancellationToken ct)
    {
        int running;
        await using (var wf = await services.GetRequiredService<IDbContextFactory<Workflows.Persistence.WorkflowDbContext>>().CreateDbContextAsync(ct))
            running = await wf.Instances.CountAsync(i => i.Status == Workflows.Persistence.InstanceStatus.Running, ct);
        var missing = target - running;
        if (missing <= 0) return;
        await services.GetRequiredService<Workflows.Definitions.DefinitionStore>().DeployAsync(TimersCommand.Definition, "bench", ct);
        var armed = System.Diagnostics.Stopwatch.StartNew();
        await TimersCommand.ArmFarAsync(services.GetRequiredService<Workflows.Engine.WorkflowEngine>(), missing, Environment.ProcessorCount, "waiting-", ct);
        await stdout.WriteLineAsync($"waiting instances        {missing} started in {armed.Elapsed.TotalSeconds:F0} s, due a month away: {target} wait in all");
    }

    private static async Task<HttpClient> SignedInAsync(Uri address, string userName, CancellationToken ct)
    {
        var client = new HttpClient { BaseAddress = address };
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = RegionPassword }, ct);
        response.EnsureSuccessStatusCode();
        return client;
    }
}
