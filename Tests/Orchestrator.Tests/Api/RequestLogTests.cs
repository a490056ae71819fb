using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Hosting;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Engine;
using Serilog.Events;

namespace Orchestrator.Tests.Api;

/// <summary>The request log tells the truth about each answer and never holds a secret.</summary>
public sealed class RequestLogTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task The_log_never_contains_a_calendar_feed_secret()
    {
        var referent = await app.SignedInAsync("referent-a");
        var url = (await (await referent.PostAsync("/api/me/calendar", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var path = new Uri(url).AbsolutePath;
        var secret = path["/calendrier/".Length..^".ics".Length];
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(path.Replace(secret[..8], "00000000"))).StatusCode);

        Assert.DoesNotContain(app.Logs.Written, line => line.Contains(secret[..16], StringComparison.Ordinal));
        var logged = app.Logs.Requests("/calendrier/***.ics").ToList();
        Assert.Contains(logged, e => e.Properties["StatusCode"].ToString() == "200");
        Assert.Contains(logged, e => e.Properties["StatusCode"].ToString() == "404");
    }

    [Fact]
    public void Any_event_logged_while_the_feed_answers_has_its_path_masked_too()
    {
        var capture = new LogCapture();
        using (var sink = new Serilog.LoggerConfiguration().Enrich.With<RequestLogging.MaskSecretPaths>().WriteTo.Sink(capture).CreateLogger())
            sink.ForContext("RequestPath", "/calendrier/0123456789abcdefghijklmnop.ics").Warning("Database error while answering {Path}", "/calendrier/0123456789abcdefghijklmnop.ics");

        var written = Assert.Single(capture.Written);
        Assert.DoesNotContain("0123456789abcdef", written);
        Assert.Contains("/calendrier/***.ics", written);
    }

    [Fact]
    public async Task Passwords_and_session_cookies_never_reach_the_log()
    {
        var client = app.CreateClient();
        var refused = await client.PostAsJsonAsync("/api/auth/login", new { userName = "coordinator", password = "Tr0ub4dor&3-unique-in-this-test" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var signedIn = await client.PostAsJsonAsync("/api/auth/login", new { userName = "coordinator", password = ApiApp.Password });
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("orchestrator.auth=", StringComparison.Ordinal)).Split(';')[0]["orchestrator.auth=".Length..];
        await client.GetAsync("/api/me");

        Assert.DoesNotContain(app.Logs.Written, line => line.Contains("Tr0ub4dor", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Written, line => line.Contains(ApiApp.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Written, line => line.Contains(cookie[..32], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_request_is_logged_at_its_real_status_without_a_stack_trace()
    {
        var coordinator = await app.SignedInAsync("coordinator");
        var invalid = await coordinator.PostAsJsonAsync("/api/episodes", new { structureId = app.Lhss.Id, newPerson = new { pseudonym = "" } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var referent = await app.SignedInAsync("referent-b");
        var forbidden = await referent.GetAsync("/api/parameters/lhss");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var episodes = app.Logs.Requests("/api/episodes").Where(e => e.Properties["RequestMethod"].ToString() == "\"POST\"").ToList();
        var logged = Assert.Single(episodes, e => e.Properties["StatusCode"].ToString() == "400");
        Assert.Equal(LogEventLevel.Information, logged.Level);
        Assert.Null(logged.Exception);
        Assert.Contains(app.Logs.Requests("/api/parameters/lhss"), e => e.Properties["StatusCode"].ToString() == "403" && e.Exception is null);
        Assert.DoesNotContain(app.Logs.Events, e => e.Exception is FluentValidation.ValidationException);
        Assert.DoesNotContain(app.Logs.Events, e => e.Level >= LogEventLevel.Error);
    }
}
