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
                    using var response = await client.GetAsync(screen.Route, HttpCompletionOption.ResponseHeadersRead, ct);
                    response.EnsureSuccessStatusCode();
                    await using var body = await response.Content.ReadAsStreamAsync(ct);
                    return await CountRowsAsync(body, ct);
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

    /// <summary>
    /// The rows of a JSON answer (the elements of a top-level array, or of a page's <c>items</c>; 1 for anything else), counted as the
    /// body streams in. The
    /// signed-in clients stand for browsers, which are not part of the web app whose working set this command reports: reading
    /// each answer whole (18,000 alerts are about 10 MB) rented buffers of up to 16 MB from the process's shared array pool,
    /// which kept them, and the report counted them as the web app's.
    /// </summary>
    internal static async Task<int> CountRowsAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var scan = new RowScan();
        var filled = 0;
        while (true)
        {
            var read = await body.ReadAsync(buffer.AsMemory(filled), ct);
            filled += read;
            var consumed = scan.Read(buffer.AsSpan(0, filled), final: read == 0);
            if (read == 0) return scan.IsArray || scan.IsPage ? scan.Rows : 1;
            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
            // A single token longer than the buffer: make room for the rest of it.
            if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    /// <summary>The state of <see cref="CountRowsAsync"/> between reads (a <see cref="Utf8JsonReader"/> cannot live across an await).</summary>
    private sealed class RowScan
    {
        private JsonReaderState _state;
        private bool _started;

        private bool _itemsNext, _inItems;

        public bool IsArray { get; private set; }
        /// <summary>An object with an <c>items</c> array (a page of the risk board or of the dashboard): its rows are the items.</summary>
        public bool IsPage { get; private set; }
        public int Rows { get; private set; }

        /// <summary>Reads the complete tokens of <paramref name="data"/>; returns how many bytes they took.</summary>
        public int Read(ReadOnlySpan<byte> data, bool final)
        {
            var reader = new Utf8JsonReader(data, final, _state);
            while (reader.Read())
            {
                if (!_started)
                {
                    (_started, IsArray) = (true, reader.TokenType == JsonTokenType.StartArray);
                    continue;
                }
                // An element of the top-level array starts at depth 1 (its closing token is at depth 1 too), one of a page's items at 2.
                if (IsArray && reader.CurrentDepth == 1 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray)) Rows++;
                if (IsArray) continue;
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName) _itemsNext = reader.ValueTextEquals("items"u8);
                else if (_itemsNext && reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.StartArray) (_inItems, _itemsNext, IsPage) = (true, false, true);
                else if (_inItems && reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.EndArray) _inItems = false;
                else if (_inItems && reader.CurrentDepth == 2 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray)) Rows++;
                else _itemsNext = false;
            }
            _state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }
    }

    private static async Task<HttpClient> SignedInAsync(Uri address, string userName, CancellationToken ct)
    {
        var client = new HttpClient { BaseAddress = address };
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = RegionPassword }, ct);
        response.EnsureSuccessStatusCode();
        return client;
    }
}
