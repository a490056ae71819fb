using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Orchestrator.Hosting;

/// <summary>
/// Behind a reverse proxy the connection comes from the proxy: <c>Security:KnownProxies</c> (a list of IP
/// addresses) names the proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed, so that
/// the sign-in limits count the real client address and HTTPS is recognised. Without it these headers are
/// ignored: a client could otherwise choose its own address with them.
/// </summary>
public static class ReverseProxy
{
    /// <summary>Believes forwarded headers from the proxies of <c>Security:KnownProxies</c> (one hop); does nothing when none is listed.</summary>
    /// <exception cref="InvalidOperationException">An entry is not an IP address.</exception>
    public static IApplicationBuilder UseKnownProxies(this IApplicationBuilder app, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("Security:KnownProxies").Get<string[]>() ?? [];
        if (proxies.Length == 0) return app;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                : throw new InvalidOperationException($"Security:KnownProxies: « {proxy} » is not an IP address."));
        return app.UseForwardedHeaders(options);
    }
}
