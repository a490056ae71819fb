using System.Net;
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
    }
}
