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
        var refused = await coordinator.GetAsync("/api/admin/mails");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(("Accès refusé", "Votre rôle ne permet pas cette action."), (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString()));
        var anonymous = await app.CreateClient().GetAsync("/api/admin/mails");
        Assert.Equal("Authentification requise", (await anonymous.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync($"/api/admin/mails/{Guid.NewGuid()}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/admin/mails/{Guid.NewGuid()}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_a_french_400_that_names_no_code()
    {
        var response = await app.CreateClient().PostAsync("/api/auth/login", new StringContent("{ pas du json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("detail").GetString();
        Assert.StartsWith("Le contenu envoyé n'est pas un JSON valide", detail);
        Assert.DoesNotContain("LoginRequest", detail);
    }
}
