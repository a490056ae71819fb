using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>Outside Development the app speaks HTTPS only, its cookies are Secure, its pages carry strict headers.</summary>
public sealed class TransportSecurityTests(HttpsApp app) : IClassFixture<HttpsApp>
{
    [Fact]
    public async Task Plain_http_is_redirected_to_https_and_https_answers_carry_hsts()
    {
        var http = await app.Browser(new Uri("http://orchestrator.example/")).GetAsync("/connexion");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, http.StatusCode);
        Assert.Equal("https://orchestrator.example/connexion", http.Headers.Location?.ToString());

        var https = await app.Browser().GetAsync("/connexion");
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.Contains("max-age=", https.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task The_session_and_antiforgery_cookies_are_secure_http_only_and_strictly_same_site()
    {
        var browser = app.Browser();
        var page = await browser.GetAsync("/connexion");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).ToLowerInvariant();
        var login = await browser.PostAsJsonAsync("/api/auth/login", new { userName = "coordinator", password = ApiApp.Password });
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("orchestrator.auth=", StringComparison.Ordinal)).ToLowerInvariant();

        foreach (var cookie in new[] { antiforgery, session })
        {
            Assert.Contains("; secure", cookie);
            Assert.Contains("; httponly", cookie);
            Assert.Contains("; samesite=strict", cookie);
        }
    }

    [Theory]
    [InlineData("/connexion")]
    [InlineData("/api/me")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await app.Browser().GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_data_protection_keys_are_kept_in_the_database_encrypted()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().PostAsJsonAsync("/api/auth/login", new { userName = "coordinator", password = ApiApp.Password })).StatusCode);

        using var scope = app.Services.CreateScope();
        var keys = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync();
        var key = Assert.Single(keys);
        Assert.Contains("AesGcmXmlDecryptor", key.Xml);
        Assert.Contains("encryptedKey", key.Xml);
        Assert.DoesNotContain("<masterKey", key.Xml);
    }
}
