using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Cli.Scale;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.People;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Cli.Scale;

/// <summary>Who opens the timed screens: people of a structure with a coordinator, whatever structure follows the most people.</summary>
public sealed class ScreenSubjectsTests
{
    [Fact]
    public async Task The_screens_are_timed_as_the_coordinator_of_the_busiest_structure_that_has_one_even_when_a_structure_without_one_follows_more_people()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var lhss = h.Structures[DeviceType.Lhss];
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        // A structure that only accompanies the people it accepted: a director, no coordinator, and more people than the LHSS.
        var shelter = new Structure { Name = "CHRS sans coordination", Type = DeviceType.Lhss, Department = "59", City = "Lille" };
        db.Structures.Add(shelter);
        db.Staff.Add(new StaffMember { UserName = "screens-test-chrs-director", DisplayName = "Direction CHRS", Role = StaffRole.Director, StructureId = shelter.Id });
        db.Staff.Add(new StaffMember { UserName = "screens-test-regional-viewer", DisplayName = "Observatoire", Role = StaffRole.RegionalViewer });
        var referent = h.Staff(DeviceType.Lhss, StaffRole.SocialWorker).Id;
        foreach (var (structure, people) in new[] { (lhss.Id, 1), (shelter.Id, 3) })
            for (var i = 0; i < people; i++)
            {
                var person = db.People.Add(new Person { Pseudonym = $"T. S. {structure.GetHashCode() % 1000}{i}", BirthYear = 1970, Sex = "F", CreatedAt = PathwayHarness.Start }).Entity;
                var pathway = db.Pathways.Add(new Pathway { PersonId = person.Id, OpenedAt = PathwayHarness.Start }).Entity;
                var episode = db.Episodes.Add(new Episode { PathwayId = pathway.Id, PersonId = person.Id, StructureId = structure, DeviceType = DeviceType.Lhss,
                    DefinitionKey = "lhss-pathway", RequestedAt = PathwayHarness.Start }).Entity;
                episode.AssignReferent(referent);
            }
        await db.SaveChangesAsync();

        var subjects = await ScreenSubjects.FindAsync(db, CancellationToken.None);

        Assert.Equal(lhss.Id, subjects.Structure.Id);
        Assert.Equal(h.Staff(DeviceType.Lhss, StaffRole.Coordinator).Id, subjects.Coordinator.Id);
    }
}
