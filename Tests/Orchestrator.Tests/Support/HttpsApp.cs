using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Orchestrator.Tests.Support;

/// <summary>The web host as deployed outside Development: HTTPS only, at a public host name.</summary>
public sealed class HttpsApp : ApiApp
{
    public static readonly Uri Site = new("https://orchestrator.example/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:HttpsOnly", "true")
            .ConfigureServices(services => services.Configure<Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionOptions>(o => o.HttpsPort = 443));
    }

    public HttpClient Browser(Uri? site = null) =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = site ?? Site, AllowAutoRedirect = false });
}
