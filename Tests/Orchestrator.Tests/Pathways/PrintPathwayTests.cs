using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.People;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Pathways;

/// <summary>The printable pathway summary holds what the caller may read of the record, no more, and its print is audited.</summary>
public sealed class PrintPathwayTests
{
    private static string Text(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public async Task The_doctor_prints_the_pathway_with_its_decisions_in_words_and_the_coordinators_print_leaves_the_medical_answers_out()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var doctor = h.Staff(DeviceType.Lhss, StaffRole.Doctor);
        await h.CompleteAsync(episode, "medicalOpinion", doctor, new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
        await h.SendAsync(new AddCareNoteCommand(episode, "Pansement refait, cicatrisation correcte", true), doctor);
        var person = await h.EpisodeAsync(episode);

        var byDoctor = Text(await h.SendAsync(new PrintPathwayQuery(person.PersonId), doctor));
        var byCoordinator = Text(await h.SendAsync(new PrintPathwayQuery(person.PersonId), h.Staff(DeviceType.Lhss, StaffRole.Coordinator)));

        Assert.Contains("Synthèse du parcours de", byDoctor);
        Assert.Contains("Avis : Favorable", byDoctor);
        Assert.Contains("Décision : Admettre", byDoctor);
        Assert.Contains("cicatrisation", byDoctor);
        Assert.Contains("Décision : Admettre", byCoordinator);
        Assert.DoesNotContain("Favorable", byCoordinator); // a medical opinion stays with care staff, on paper too
        Assert.DoesNotContain("cicatrisation", byCoordinator);
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new PrintPathwayQuery(person.PersonId), h.Staff(DeviceType.Act, StaffRole.Doctor)));
        using var scope = h.Services.CreateScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Audit.CountAsync(a => a.Action == "person.print" && a.PersonId == person.PersonId));
    }
}
