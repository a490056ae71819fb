using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>Sign-in is throttled per address and per account, locks after repeated failures and tells no account apart; sign-out ends the session everywhere.</summary>
public sealed class SignInTests(SignInApp app) : IClassFixture<SignInApp>
{
    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userName, password });

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_even_against_the_right_password()
    {
        var client = app.From("192.0.2.10");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "referent-b", "wrong " + i)).StatusCode);

        var locked = await LoginAsync(client, "referent-b", ApiApp.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("temporairement verrouillé", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "referent-b", "still guessing")).StatusCode); // does not prolong it
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "referent-b", ApiApp.Password)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, "referent-b", ApiApp.Password)).StatusCode);

        using var scope = app.Services.CreateScope();
        var member = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Staff.AsNoTracking().SingleAsync(s => s.UserName == "referent-b");
        Assert.Equal(0, member.FailedSignIns);
        Assert.Null(member.LockedUntil);
    }

    [Fact]
    public async Task A_login_is_matched_without_regard_to_case_accents_or_surrounding_spaces()
    {
        var client = app.From("192.0.2.77");

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, "  Référent-A ", ApiApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, "DIRECTOR", ApiApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "Référent-A", "wrong")).StatusCode);
        using var scope = app.Services.CreateScope();
        var member = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Staff.AsNoTracking().SingleAsync(s => s.UserName == "referent-a");
        Assert.Equal(1, member.FailedSignIns); // the failure counts on the account the name designates, however typed
    }

    [Fact]
    public async Task The_sign_in_page_offers_the_demo_accounts_only_while_they_have_the_demo_password_and_demo_data_is_on()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        foreach (var (name, password) in new[] { ("coordinateur", Orchestrator.Demo.DemoDirectory.DemoPassword), ("medecin", "changed after the demo") })
        {
            var member = new Domain.Staff.StaffMember { UserName = name, DisplayName = name, Role = Domain.Staff.StaffRole.Coordinator, StructureId = app.Lhss.Id };
            member.PasswordHash = LocalAccounts.Hash(member, password);
            db.Staff.Add(member);
        }
        await db.SaveChangesAsync();
        IConfiguration DemoData(bool on) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Orchestrator:DemoData"] = on.ToString() }).Build();

        Assert.Equal(["coordinateur"], (await new Orchestrator.Demo.DemoAccounts(db, DemoData(true)).ListAsync(default)).Select(a => a.UserName));
        Assert.Empty(await new Orchestrator.Demo.DemoAccounts(db, DemoData(false)).ListAsync(default));
        var page = await app.CreateClient().GetStringAsync("/connexion"); // this host runs without demo data
        Assert.DoesNotContain("Comptes de démonstration", page);
    }

    [Fact]
    public async Task An_unknown_account_and_a_wrong_password_get_the_same_answer()
    {
        var client = app.From("192.0.2.20");
        var unknown = await LoginAsync(client, "nobody-here", "whatever");
        var wrong = await LoginAsync(client, "social-worker", "whatever");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        static async Task<string> Answer(HttpResponseMessage r)
        {
            var problem = await r.Content.ReadFromJsonAsync<JsonElement>();
            return $"{problem.GetProperty("status")} {problem.GetProperty("title")} {problem.GetProperty("detail")}";
        }
        var answer = await Answer(wrong);
        Assert.Equal(await Answer(unknown), answer);
        Assert.EndsWith(PasswordSignIn.RefusedMessage, answer);
    }

    [Fact]
    public async Task One_address_trying_many_accounts_is_throttled_with_a_429_in_french()
    {
        var client = app.From("192.0.2.30");
        for (var i = 0; i < SignInApp.PerAddressLimit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, $"guess-{i}", "password")).StatusCode);

        var refused = await LoginAsync(client, "coordinator", ApiApp.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Trop de tentatives de connexion", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(app.From("192.0.2.31"), "coordinator", ApiApp.Password)).StatusCode);
    }

    [Fact]
    public async Task Behind_the_known_proxy_the_limit_counts_the_forwarded_client_and_elsewhere_the_header_is_ignored()
    {
        HttpClient Via(string from, string forwardedFor)
        {
            var client = app.From(from);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
            return client;
        }
        for (var i = 0; i < SignInApp.PerAddressLimit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(Via(SignInApp.Proxy, "203.0.113.7"), $"proxied-{i}", "x")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(Via(SignInApp.Proxy, "203.0.113.7"), "proxied-x", "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(Via(SignInApp.Proxy, "203.0.113.8"), "proxied-x", "x")).StatusCode);

        // Anyone else sending the header is counted at their own address, whatever they claim.
        for (var i = 0; i < SignInApp.PerAddressLimit; i++)
            await LoginAsync(Via("192.0.2.40", $"203.0.113.{100 + i}"), $"spoof-{i}", "x");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(Via("192.0.2.40", "203.0.113.200"), "spoof-x", "x")).StatusCode);
    }

    [Fact]
    public async Task One_account_tried_from_many_addresses_is_throttled()
    {
        for (var i = 0; i < SignInApp.PerAccountLimit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(app.From($"198.51.100.{i + 1}"), "ars", "wrong")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(app.From("198.51.100.200"), "ARS", ApiApp.Password)).StatusCode);
    }

    [Fact]
    public async Task After_sign_out_a_copy_of_the_session_cookie_no_longer_works()
    {
        var client = await app.SignedInAsync("doctor");
        var login = await LoginAsync(app.CreateClient(), "doctor", ApiApp.Password);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("orchestrator.auth=", StringComparison.Ordinal)).Split(';')[0];
        var copy = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);

        var refused = await copy.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync("doctor")).GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_screen_already_open_loses_its_session_at_the_next_check_after_sign_out()
    {
        var client = await app.SignedInAsync("social-worker");
        using var scope = app.Services.CreateScope();
        var member = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Staff.AsNoTracking().SingleAsync(s => s.UserName == "social-worker");
        var circuitUser = LocalAccounts.Principal(member);
        var revalidation = new SessionRevalidation(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, app.Services.GetRequiredService<IServiceScopeFactory>());
        Assert.True(await revalidation.IsStillValidAsync(circuitUser, CancellationToken.None));

        await client.PostAsync("/api/auth/logout", null);

        Assert.False(await revalidation.IsStillValidAsync(circuitUser, CancellationToken.None));
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_strictly_same_site()
    {
        var login = await LoginAsync(app.CreateClient(), "coordinator", ApiApp.Password);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("orchestrator.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
    }

    [Theory]
    [InlineData("mes-taches", "/mes-taches")]
    [InlineData("/personnes/42?onglet=notes", "/personnes/42?onglet=notes")]
    [InlineData("\\\\evil.example/x", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/%0d%0aSet-Cookie:x", "/%0d%0aSet-Cookie:x")]
    [InlineData("/a\r\nb", "/")]
    [InlineData("", "/")]
    public void A_return_address_is_followed_only_when_it_is_a_path_of_this_site(string retour, string expected) =>
        Assert.Equal(expected, SignInEndpoints.LocalReturnPath(retour));
}
