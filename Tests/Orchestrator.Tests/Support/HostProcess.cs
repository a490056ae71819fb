using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Orchestrator.Tests.Support;

/// <summary>
/// The app as an operator runs it: <c>dotnet Orchestrator.dll</c> in a process of its own, configured by environment
/// variables, on a loopback port. It can be killed without warning (SIGKILL) and started again on the same data.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    /// <summary>How long a start may take before the test gives up (a cold start on a busy 2-core machine takes a few seconds).</summary>
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    // What the host writes once it is ready, each line on its console (see Start): the web host has run every hosted service's
    // start-up (migrations, shipped definitions) and listens; Quartz, which starts its scheduler only after that, has started it;
    // on PostgreSQL the live-updates listener, which connects in the background, listens. /health/ready checks each of them.
    private const string ApplicationStarted = "Application started.";
    private static readonly Regex SchedulerStarted = new(@"\] Scheduler \S+ started\.$"); // Quartz's, naming the scheduler and its instance id
    private const string LiveUpdatesHeard = "listens to the other nodes' live updates";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Lock _gate = new();
    private readonly List<Awaited> _awaited = [];
    private readonly List<Func<string, bool>> _readiness;

    private HostProcess(string name, Process process, Uri baseAddress, List<Func<string, bool>> readiness)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        _readiness = readiness;
    }

    public string Name { get; }
    public Uri BaseAddress { get; }

    /// <summary>What the process wrote on its console (the app's log lines), so far.</summary>
    public IReadOnlyCollection<string> Output => _output.ToArray();

    /// <summary>
    /// Starts the host with <paramref name="settings"/> (environment variables such as <c>ConnectionStrings__Postgres</c>) on
    /// top of a plain-HTTP, demo-less production configuration; returns at once (see <see cref="WaitReadyAsync"/>).
    /// </summary>
    public static HostProcess Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        // The same dotnet that runs the tests (it may not be on the PATH).
        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Orchestrator.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Security__HttpsOnly"] = "false";
        start.Environment["Security__SignIn__PerAddressLimit"] = "100000";
        start.Environment["Security__SignIn__PerAccountLimit"] = "100000";
        start.Environment["Orchestrator__DemoData"] = "false";
        // The lines WaitReadyAsync waits for; Quartz's and the listener's are below the production levels, so they are let through.
        List<Func<string, bool>> readiness = [line => line.Contains(ApplicationStarted)];
        if (!settings.TryGetValue("Orchestrator__Timers", out var timers) || timers != "clock")
        {
            start.Environment["Serilog__MinimumLevel__Override__Quartz.Core.QuartzScheduler"] = "Information";
            readiness.Add(SchedulerStarted.IsMatch);
        }
        if (settings.ContainsKey("ConnectionStrings__Postgres"))
        {
            start.Environment["Serilog__MinimumLevel__Override__Orchestrator.Components.Live.PostgresLiveBackplane"] = "Debug";
            readiness.Add(line => line.Contains(LiveUpdatesHeard));
        }
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var process = new Process { StartInfo = start };
        var host = new HostProcess(name, process, new Uri($"http://127.0.0.1:{port}/"), readiness);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) host.Written(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) host.Written("stderr: " + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>
    /// Waits until the host says on its console that each part <c>/health/ready</c> checks has started, then asks
    /// <c>/health/ready</c> once, which must answer <c>Healthy</c>; fails with the process's last lines if it exits first or
    /// takes longer than <see cref="StartDeadline"/>. A host already ready is asked at once.
    /// </summary>
    public async Task WaitReadyAsync()
    {
        var started = Task.WhenAll(_readiness.Select(match => LinesAsync(match, 1)));
        var exited = _process.WaitForExitAsync();
        try
        {
            await Task.WhenAny(started, exited).WaitAsync(StartDeadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Host {Name} was not ready within {StartDeadline}:\n{Tail()}");
        }
        if (!started.IsCompleted) Assert.Fail($"Host {Name} exited with {_process.ExitCode} before it was ready:\n{Tail()}");

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var answer = await client.GetAsync("/health/ready");
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK && body == "Healthy",
            $"Host {Name} said it had started but /health/ready answered {(int)answer.StatusCode} {body}:\n{Tail()}");
    }

    /// <summary>
    /// Completes once the process has written <paramref name="count"/> lines matching <paramref name="match"/>, those written
    /// before the call included. It never completes if the process stops first: the caller bounds the wait.
    /// </summary>
    public Task LinesAsync(Func<string, bool> match, int count)
    {
        lock (_gate)
        {
            var awaited = new Awaited(match, count - _output.Count(match));
            if (awaited.Remaining <= 0) return Task.CompletedTask;
            _awaited.Add(awaited);
            return awaited.Seen.Task;
        }
    }

    /// <summary>A line the process wrote: kept, and handed to whoever waits for it.</summary>
    private void Written(string line)
    {
        lock (_gate)
        {
            _output.Enqueue(line);
            for (var i = _awaited.Count - 1; i >= 0; i--)
            {
                var awaited = _awaited[i];
                if (!awaited.Match(line) || --awaited.Remaining > 0) continue;
                awaited.Seen.TrySetResult();
                _awaited.RemoveAt(i);
            }
        }
    }

    /// <summary>A wait for <see cref="Remaining"/> more lines matching <see cref="Match"/>.</summary>
    private sealed class Awaited(Func<string, bool> match, int remaining)
    {
        public Func<string, bool> Match { get; } = match;
        public int Remaining { get; set; } = remaining;
        public TaskCompletionSource Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Kills the process with SIGKILL: no shutdown, no flush, as a power cut or the kernel's OOM killer would.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(); // SIGKILL on Linux
        await _process.WaitForExitAsync();
    }

    /// <summary>A client signed in as <paramref name="userName"/> on this node, its session cookie kept.</summary>
    public async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        if (!response.IsSuccessStatusCode)
        {
            client.Dispose();
            throw new HttpRequestException($"Signing {userName} in on {Name} answered {(int)response.StatusCode}.", null, response.StatusCode);
        }
        return client;
    }

    /// <summary>The process's last lines of output, for a failure message.</summary>
    public string Tail(int lines = 40) => string.Join('\n', _output.TakeLast(lines));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try { await KillAsync(); }
        catch (InvalidOperationException) { } // never started
        _process.Dispose();
    }
}
