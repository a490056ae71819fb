using System.Net;
using System.Net.Http.Json;
using Orchestrator.Application.Mail;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

public sealed class OperationsTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_answers_anonymously_with_its_status_and_nothing_else(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Administrators_see_the_alert_mails_and_nobody_else_does()
    {
        var admin = await app.SignedInAsync("admin");
        var view = await admin.GetFromJsonAsync<AlertMailsView>("/api/admin/mails");
        Assert.NotNull(view);
        Assert.Equal(0, view.DeadLetter);

        var coordinator = await app.SignedInAsync("coordinator");
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/api/admin/mails")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync($"/api/admin/mails/{Guid.NewGuid()}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/admin/mails/{Guid.NewGuid()}/retry", null)).StatusCode);
    }
}
