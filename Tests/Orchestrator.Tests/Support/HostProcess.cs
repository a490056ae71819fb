using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Orchestrator.Tests.Support;

/// <summary>
/// The app as an operator runs it: <c>dotnet Orchestrator.dll</c> in a process of its own, configured by environment
/// variables, on a loopback port. It can be killed without warning (SIGKILL) and started again on the same data.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    /// <summary>How long a start may take before the test gives up (a cold start on a busy 2-core machine takes a few seconds).</summary>
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
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
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var process = new Process { StartInfo = start };
        var host = new HostProcess(name, process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) host._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) host._output.Enqueue("stderr: " + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers <c>Healthy</c>; fails with the process's last lines if it exits or takes too long.</summary>
    public async Task WaitReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartDeadline;
        while (true)
        {
            if (_process.HasExited) Assert.Fail($"Host {Name} exited with {_process.ExitCode} before it was ready:\n{Tail()}");
            try
            {
                var answer = await client.GetAsync("/health/ready");
                if (answer.StatusCode == HttpStatusCode.OK && await answer.Content.ReadAsStringAsync() == "Healthy") return;
            }
            catch (HttpRequestException) { } // not listening yet
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) Assert.Fail($"Host {Name} was not ready within {StartDeadline}:\n{Tail()}");
            await Task.Delay(100);
        }
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
