using System.Net;
using System.Net.Http.Json;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Api;

/// <summary>No dead ends: a wrong address gives a person the French page inside the layout, and the API its problem details.</summary>
public sealed class NotFoundTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task An_unknown_page_answers_404_with_the_app_page_not_a_raw_problem()
    {
        var coordinator = await app.SignedInAsync("coordinator");

        var response = await coordinator.GetAsync("/une-page-qui-n-existe-pas");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // The page itself renders in the browser (see the browser journey); here, the app's HTML, not a raw problem.
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"fr\">", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_api_route_still_answers_problem_details()
    {
        var coordinator = await app.SignedInAsync("coordinator");

        var response = await coordinator.GetAsync("/api/nulle-part");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Introuvable", (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Title);
    }

    [Fact]
    public async Task Completing_a_task_that_does_not_exist_answers_a_french_404()
    {
        var coordinator = await app.SignedInAsync("coordinator");

        var response = await coordinator.PostAsync($"/api/tasks/{Guid.NewGuid()}/complete", System.Net.Http.Json.JsonContent.Create(new { }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
        Assert.Equal(("Introuvable", "Tâche inconnue."), (problem!.Title, problem.Detail));
    }

    [Theory]
    [InlineData(Workflows.Engine.MissingSubject.Definition, "lhss", "Aucune version publiée du parcours « lhss ».")]
    [InlineData(Workflows.Engine.MissingSubject.Draft, "lam", "Le parcours « lam » n'a pas de brouillon à publier.")]
    [InlineData(Workflows.Engine.MissingSubject.Instance, "0d8f0c55-0000-0000-0000-000000000000", "Cette instance de parcours n'existe pas (ou plus).")]
    [InlineData(Workflows.Engine.MissingSubject.Incident, "0d8f0c55-0000-0000-0000-000000000000", "Cet incident n'existe pas.")]
    public void What_the_engine_did_not_find_is_said_in_french(Workflows.Engine.MissingSubject subject, string key, string french) =>
        Assert.Equal(french, Application.Messaging.NotFoundWording.French(new Workflows.Engine.WorkflowNotFoundException(subject, key, "missing")));

    [Fact]
    public async Task A_page_the_role_may_not_open_answers_403_at_its_own_address_not_a_redirect_to_a_missing_page()
    {
        var admin = await app.SignedInAsync("admin");

        var response = await admin.GetAsync("/fiche-alerte");

        // The browser stays on the address, where the app draws « Accès refusé » in the layout (see the browser journey);
        // it used to be sent to the cookie handler's /Account/AccessDenied, which no page answers: « Page introuvable ».
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("/fiche-alerte", response.RequestMessage!.RequestUri!.AbsolutePath);
    }
}
