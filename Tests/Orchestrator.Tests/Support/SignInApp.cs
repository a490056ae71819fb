using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Orchestrator.Tests.Support;

/// <summary>
/// The web host on a fake clock with small sign-in limits, where each client comes from its own address
/// (a test names one with <see cref="AddressHeader"/>; otherwise every request gets a fresh one).
/// </summary>
public sealed class SignInApp : ApiApp
{
    public const string AddressHeader = "X-Test-Client-Address";
    /// <summary>The one reverse proxy whose forwarded client addresses the app believes.</summary>
    public const string Proxy = "192.0.2.250";

    public const int PerAddressLimit = 10, PerAccountLimit = 9;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Orchestrator:Timers", "clock")
            .UseSetting("Security:SignIn:PerAddressLimit", PerAddressLimit.ToString())
            .UseSetting("Security:SignIn:PerAccountLimit", PerAccountLimit.ToString())
            .UseSetting("Security:SignIn:Window", "01:00:00")
            .UseSetting("Security:KnownProxies:0", Proxy)
            .ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton<IStartupFilter, ClientAddresses>();
            });
    }

    /// <summary>A client whose requests come from <paramref name="address"/>.</summary>
    public HttpClient From(string address)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    private sealed class ClientAddresses : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = http.Request.Headers[AddressHeader] is [{ } named] ? IPAddress.Parse(named)
                    : new IPAddress([10, (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(1, 255)]);
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
