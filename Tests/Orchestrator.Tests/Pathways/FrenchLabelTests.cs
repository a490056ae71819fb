using Orchestrator.Application.People;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Parsing;

namespace Orchestrator.Tests.Pathways;

/// <summary>People read words, never codes: every choice of every shipped form has a French label, and the timeline and errors use them.</summary>
public sealed class FrenchLabelTests
{
    public static TheoryData<string> ShippedDefinitions()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflow-definitions"), "*.bpmn")) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedDefinitions))]
    public void Every_choice_of_a_shipped_form_has_a_label_for_each_of_its_codes(string file)
    {
        var model = BpmnParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflow-definitions", file)));

        foreach (var field in model.Elements.SelectMany(e => e.Fields).Where(f => f.Type == FormFieldType.Choice))
        {
            Assert.True(field.Labels is { Count: > 0 }, $"{file}: choice field '{field.Name}' has no labels");
            Assert.Equal(field.Values.Count, field.Labels!.Count);
            Assert.False(string.IsNullOrWhiteSpace(field.Label), $"{file}: field '{field.Name}' has no label");
        }
    }

    [Theory]
    [MemberData(nameof(ShippedDefinitions))]
    public void Every_alert_a_shipped_definition_raises_has_a_french_name(string file)
    {
        var xml = System.Xml.Linq.XDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflow-definitions", file)));
        var riskTypes = xml.Descendants().Where(e => e.Name.LocalName == "input" && (string?)e.Attribute("name") == "riskType")
            .Select(e => (string)e.Attribute("value")!).Distinct().ToList();

        Assert.All(riskTypes, type => Assert.NotEqual(type, Domain.Alerts.AlertTypeLabels.Label(type)));
    }

    [Fact]
    public async Task The_history_shows_who_decided_in_which_function_and_the_answers_in_words_medical_ones_to_the_care_team_only()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var doctor = h.Staff(DeviceType.Lhss, StaffRole.Doctor);
        await h.CompleteAsync(episode, "medicalOpinion", doctor, new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        var person = (await h.EpisodeAsync(episode)).PersonId;

        var seenByDoctor = await h.SendAsync(new GetPersonHistoryQuery(person), doctor);
        var seenByCoordinator = await h.SendAsync(new GetPersonHistoryQuery(person), h.Staff(DeviceType.Lhss, StaffRole.Coordinator));

        var decision = Assert.Single(seenByCoordinator, t => t.Name == "Décision d'admission (directeur)" || t.Answers.Contains("Décision : Admettre"));
        Assert.Contains("Décision : Admettre", decision.Answers);
        Assert.Equal(StaffRole.Director, decision.ByRole);
        Assert.Equal(h.Staff(DeviceType.Lhss, StaffRole.Director).DisplayName, decision.By);
        Assert.Contains("Avis : Favorable", seenByDoctor.Single(t => t.Answers.Any(a => a.StartsWith("Avis"))).Answers);
        Assert.Empty(seenByCoordinator.Single(t => t.ByRole == StaffRole.Doctor).Answers); // a medical opinion stays with care staff
        Assert.DoesNotContain(seenByCoordinator.SelectMany(t => t.Answers), a => a.Contains("favourable") || a.Contains("admit"));
    }

    [Fact]
    public async Task A_form_refused_names_the_fields_label_and_the_choices_in_words()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);

        var refusal = await Assert.ThrowsAsync<Workflows.Engine.TaskInputException>(() =>
            h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["opinion"] = "maybe" }));

        Assert.Contains("Avis : choisir parmi « Favorable » (favourable), « Défavorable » (unfavourable)", refusal.Errors["opinion"]);
        Assert.Contains("une valeur est requise", refusal.Errors["hospitalCareNeeded"]);
    }
}
