using System.Net;
using System.Net.Http.Json;
using System.Text;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Hosting;

/// <summary>The web app runs its requests in French, whatever language the browser asks for.</summary>
public sealed class FrenchRequestTests(ApiApp app) : IClassFixture<ApiApp>
{
    private const string Unreachable = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" id="d" targetNamespace="urn:test">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="s" />
            <bpmn:userTask id="alone" name="Tâche oubliée" orc:role="referent" />
            <bpmn:endEvent id="e" />
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e" />
            <bpmn:sequenceFlow id="f2" sourceRef="alone" targetRef="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Theory]
    [InlineData(null)]
    [InlineData("en-US,en;q=0.9")]
    public async Task An_administrator_has_the_validator_s_reasons_in_French(string? acceptLanguage)
    {
        var admin = await app.SignedInAsync("admin");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/definitions/validate") { Content = new StringContent(Unreachable, Encoding.UTF8, "application/xml") };
        if (acceptLanguage is not null) request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);

        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var problem = Assert.Single(await response.Content.ReadFromJsonAsync<List<Problem>>() ?? []);
        Assert.Equal("alone", problem.ElementId);
        Assert.Equal("l'élément est inaccessible : aucun flux n'y mène", problem.Reason);
    }

    private sealed record Problem(string ElementType, string? ElementId, int Line, string Reason);
}
