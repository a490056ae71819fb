using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Application.Retention;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.People;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Tests.Support;

namespace Orchestrator.Tests.Retention;

/// <summary>Two nodes on one PostgreSQL database run the retention pass at the same moment.</summary>
public sealed class RecordRetentionAcrossNodesTests
{
    [PostgresFact]
    public async Task Two_nodes_archiving_at_once_archive_and_audit_each_record_once()
    {
        await using var database = await HostDatabase.PostgresAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var closedAt = clock.GetUtcNow().AddYears(-6);
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            for (var i = 0; i < 30; i++)
            {
                var person = new Person { Pseudonym = $"R. T. {1000 + i}", CreatedAt = closedAt.AddDays(-30) };
                var pathway = new Pathway { PersonId = person.Id, OpenedAt = closedAt.AddDays(-30) };
                var episode = new Episode
                {
                    PathwayId = pathway.Id, PersonId = person.Id, StructureId = database.Lhss.Id, DeviceType = database.Lhss.Type,
                    DefinitionKey = "lhss", RequestedAt = closedAt.AddDays(-30),
                };
                episode.Close(closedAt); // refused before admission: nothing runs, nothing waits
                db.People.Add(person);
                db.Pathways.Add(pathway);
                db.Episodes.Add(episode);
                db.Identities.Add(new PersonIdentity { PersonId = person.Id, LastName = "Durand", FirstName = "Paul" });
            }
            await db.SaveChangesAsync();
        }

        ServiceProvider Node() => new ServiceCollection().AddClockDrivenOrchestrator(database.Storage, clock).BuildServiceProvider();
        await using var first = Node();
        await using var second = Node();
        var archived = await Task.WhenAll(
            Task.Run(() => first.GetRequiredService<RecordRetention>().ArchiveDueAsync()),
            Task.Run(() => second.GetRequiredService<RecordRetention>().ArchiveDueAsync()));

        Assert.Equal(30, archived.Sum()); // one node archived them, the other found nothing left, in whichever order they ran
        await using (var scope = database.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            Assert.Equal(30, await db.Audit.CountAsync(a => a.Action == "person.archived"));
            Assert.Equal(30, await db.People.CountAsync(p => p.ArchivedAt != null));
            Assert.Equal(0, await db.Identities.CountAsync());
        }
    }
}
