using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Consents;
using Orchestrator.Application.People;
using Orchestrator.Application.Retention;
using Orchestrator.Application.Security;
using Orchestrator.Domain.People;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Retention;

/// <summary>Records of closed pathways are archived once their retention period has passed, and nobody reaches them after.</summary>
public sealed class RecordRetentionTests
{
    /// <summary>A person the LHSS refused (their only episode closes on the decision), with a note, a consent and an identity.</summary>
    private static async Task<(PathwayHarness H, Guid Person)> RefusedAsync(Action<IServiceCollection>? configure = null)
    {
        var h = await PathwayHarness.CreateAsync(configure: s =>
        {
            // Reading would otherwise stop long before: the archive, not the period, must be what closes the record.
            s.Configure<CareTeamOptions>(o => o.ReadMonthsAfterEnd = 240);
            s.Configure<ConsentOptions>(o => o.ValidityMonths = 240);
            configure?.Invoke(s);
        });
        var episode = await h.ReferAsync(DeviceType.Lhss);
        var person = (await h.EpisodeAsync(episode)).PersonId;
        await h.SendAsync(new AddCareNoteCommand(episode, "Orienté vers la PASS", false), h.Staff(DeviceType.Lhss, StaffRole.SocialWorker));
        await h.SendAsync(new GrantConsentCommand(person, h.Structures[DeviceType.Act].Id, "Orientation", ["social"]), h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            db.Identities.Add(new PersonIdentity { PersonId = person, LastName = "Durand", FirstName = "Paul" });
            await db.SaveChangesAsync();
        }
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = true, ["opinion"] = "unfavourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "refuse" });
        await h.CompleteAsync(episode, "refusalReason", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["refusalReason"] = "hospital-care", ["refusalDetail"] = "Relève de soins hospitaliers" });
        return (h, person);
    }

    private static Task<int> ArchiveAsync(PathwayHarness h) => h.Services.GetRequiredService<RecordRetention>().ArchiveDueAsync();

    [Fact]
    public async Task A_record_is_archived_five_years_after_its_last_episode_closed_and_not_a_minute_before()
    {
        var (h, person) = await RefusedAsync();
        await using var _ = h;
        var closedAt = (await h.EpisodesOfPersonAsync(person)).Single().ClosedAt!.Value;

        h.Clock.Advance(closedAt.AddYears(5).AddMinutes(-1) - h.Clock.GetUtcNow());
        Assert.Equal(0, await ArchiveAsync(h));
        Assert.Equal(person, (await h.SendAsync(new GetPersonRecordQuery(person), h.Staff(DeviceType.Lhss, StaffRole.Coordinator))).Id);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await ArchiveAsync(h));
        Assert.Equal(0, await ArchiveAsync(h)); // once
    }

    [Fact]
    public async Task An_archived_record_is_out_of_every_access_path_and_keeps_only_what_reports_count()
    {
        var (h, person) = await RefusedAsync();
        await using var _ = h;
        h.Clock.Advance(TimeSpan.FromDays(5 * 366));

        await ArchiveAsync(h);

        foreach (var reader in new[] { h.Staff(DeviceType.Lhss, StaffRole.Coordinator), h.Staff(DeviceType.Act, StaffRole.Coordinator) })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new GetPersonRecordQuery(person), reader));
            await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new GetPersonIdentityQuery(person), reader));
        }
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.SendAsync(new Application.Episodes.RequestAdmissionCommand(h.Structures[DeviceType.Lhss].Id, person,
            null, "Test", null) { Referral = PathwayHarness.LawfulReferral(DeviceType.Lhss) }, h.Staff(DeviceType.Lhss, StaffRole.Coordinator)));
        await using var scope = h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var archived = await db.People.SingleAsync(p => p.Id == person);
        Assert.Equal(Person.ArchivedPseudonym, archived.Pseudonym);
        Assert.Null(archived.BirthYear);
        Assert.False(await db.Identities.AnyAsync(i => i.PersonId == person));
        Assert.False(await db.CareNotes.AnyAsync(n => n.PersonId == person));
        Assert.False(await db.Consents.AnyAsync(c => c.PersonId == person));
        Assert.Single(await db.Episodes.Where(e => e.PersonId == person).ToListAsync()); // counted by the yearly indicators
        var audit = await db.Audit.SingleAsync(a => a.Action == "person.archived");
        Assert.Equal(person, audit.PersonId);
    }

    [Fact]
    public async Task A_person_with_an_episode_still_running_elsewhere_is_never_archived()
    {
        var (h, person) = await RefusedAsync();
        await using var _ = h;
        await h.SendAsync(new Application.Episodes.RequestAdmissionCommand(h.Structures[DeviceType.Act].Id, person, null, "Test", null)
            { Referral = PathwayHarness.LawfulReferral(DeviceType.Act) },
            h.Staff(DeviceType.Act, StaffRole.Coordinator));

        await h.AdvanceAsync(TimeSpan.FromDays(6 * 366));

        Assert.Equal(0, await ArchiveAsync(h));
    }

    [Fact]
    public async Task The_retention_period_is_a_setting()
    {
        var (h, person) = await RefusedAsync(s => s.Configure<RetentionOptions>(o => o.YearsAfterLastEpisode = 1));
        await using var _ = h;

        h.Clock.Advance(TimeSpan.FromDays(367));

        Assert.Equal(1, await ArchiveAsync(h));
    }
}

/// <summary>The archiving runs by itself, on the app's clock: at start, then every period.</summary>
public sealed class RecordRetentionServiceTests
{
    [Fact]
    public async Task The_scheduled_job_archives_a_record_once_the_clock_passes_its_retention_period()
    {
        await using var h = await PathwayHarness.CreateAsync();
        var episode = await h.ReferAsync(DeviceType.Lhss);
        await h.CompleteAsync(episode, "medicalOpinion", h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = true, ["opinion"] = "unfavourable" });
        await h.CompleteAsync(episode, "directorDecision", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "refuse" });
        await h.CompleteAsync(episode, "refusalReason", h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["refusalReason"] = "hospital-care", ["refusalDetail"] = "Relève de soins hospitaliers" });
        var person = (await h.EpisodeAsync(episode)).PersonId;
        using var service = new RecordRetentionService(h.Services.GetRequiredService<RecordRetention>(),
            Microsoft.Extensions.Options.Options.Create(new RetentionOptions()), h.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<RecordRetentionService>.Instance);

        await service.StartAsync(CancellationToken.None);
        Assert.False(await ArchivedAsync(h, person));
        h.Clock.Advance(TimeSpan.FromDays(5 * 366)); // the job's next period falls due on the fake clock

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // real time: only a bound on the wait for the job's own pass
        var archived = false;
        while (!archived && !patience.IsCancellationRequested)
        {
            archived = await ArchivedAsync(h, person);
            // Under load the job may arm its next wait after the jump above, one period later on the fake clock: each
            // further period then falls due too, so the pass comes whenever the job started waiting.
            if (!archived) h.Clock.Advance(TimeSpan.FromDays(1));
        }
        await service.StopAsync(CancellationToken.None);
        Assert.True(archived);
    }

    private static async Task<bool> ArchivedAsync(PathwayHarness h, Guid person)
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().People.AnyAsync(p => p.Id == person && p.ArchivedAt != null);
    }
}

/// <summary>The web host runs the archiving job.</summary>
public sealed class RecordRetentionHostingTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public void The_web_host_runs_the_archiving_job() =>
        Assert.Single(app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<RecordRetentionService>());
}
