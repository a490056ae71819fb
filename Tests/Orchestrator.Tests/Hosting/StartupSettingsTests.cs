using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Orchestrator.Tests.Hosting;

public sealed class StartupSettingsTests
{
    private sealed class AppInZone(string zone, string data) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder
            .UseSetting("Orchestrator:DataDirectory", data).UseSetting("Orchestrator:DemoData", "false")
            .UseSetting("Workflows:TimeZone", zone);
    }

    private sealed class AppWithRelay(string data, string port, string startTls) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder
            .UseSetting("Orchestrator:DataDirectory", data).UseSetting("Orchestrator:DemoData", "false")
            .UseSetting("Smtp:Host", "relais.exemple.fr").UseSetting("Smtp:Port", port).UseSetting("Smtp:StartTls", startTls)
            .UseSetting("Smtp:UserName", "orchestrator").UseSetting("Smtp:Password", "secret");
    }

    [Fact]
    public void A_relay_account_over_an_unencrypted_connection_stops_the_app_at_start_up_naming_the_settings()
    {
        var data = Path.Combine(Path.GetTempPath(), "orchestrator-smtp-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var clear = new AppWithRelay(data, "587", "false"))
            {
                var error = Assert.ThrowsAny<OptionsValidationException>(() => clear.CreateClient());
                Assert.Contains("Smtp:UserName is set but the connection to the relay is not encrypted", error.Message);
            }
            // STARTTLS, or implicit TLS on 465, carries the password encrypted: the app starts.
            using (var startTls = new AppWithRelay(data, "587", "true")) startTls.CreateClient().Dispose();
            using (var implicitTls = new AppWithRelay(data, "465", "false")) implicitTls.CreateClient().Dispose();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_time_zone_stops_the_app_at_start_up_naming_the_setting()
    {
        var data = Path.Combine(Path.GetTempPath(), "orchestrator-zone-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var app = new AppInZone("Europe/Lile", data);
            var error = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());
            Assert.Contains("Workflows:TimeZone 'Europe/Lile' is not a time zone of the tz database", error.Message);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }
}
