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
