using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestrator.Workflows.Hosting;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Persistence.Writing;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Persistence;

/// <summary>
/// Both writers keep each step whole: the SQLite one commits the steps that queue up together in one
/// transaction, and each must still stand or fall alone; EF Core's, which PostgreSQL uses, commits each on its own.
/// </summary>
public sealed class StepWriterTests
{
    private static readonly string Waiting = Process("waiting", $"""
        <bpmn:startEvent id="start" /><bpmn:userTask id="wait" /><bpmn:endEvent id="end" />
        {Flow("f1", "start", "wait")}{Flow("f2", "wait", "end")}
        """);

    public static TheoryData<string> Writers => ["sqlite group commit", "sqlite through EF Core"];

    private static Task<WorkflowHarness> Harness(string writer) => writer == "sqlite group commit"
        ? WorkflowHarness.CreateAsync()
        : WorkflowHarness.CreateAsync(s => s.Replace(ServiceDescriptor.Singleton<IStepWriter, EfStepWriter>()));

    [Fact]
    public async Task The_SQLite_engine_writes_through_the_group_commit_writer()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        Assert.IsType<SqliteGroupCommitWriter>(h.Services.GetRequiredService<IStepWriter>());
    }

    [Fact]
    public void A_container_disposed_synchronously_closes_the_writer_and_releases_the_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "wf-writer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var services = new ServiceCollection().AddLogging();
        services.AddWorkflows(WorkflowStorage.SqliteFiles(Path.Combine(directory, "a.db"), Path.Combine(directory, "q.db")));
        var provider = services.BuildServiceProvider();
        Assert.IsType<SqliteGroupCommitWriter>(provider.GetRequiredService<IStepWriter>());

        provider.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [PostgresFact]
    public async Task The_PostgreSQL_engine_writes_through_EF_Core()
    {
        await using var h = await WorkflowHarness.CreateOnPostgresAsync();
        Assert.IsType<EfStepWriter>(h.Services.GetRequiredService<IStepWriter>());
    }

    [PostgresFact]
    public async Task On_PostgreSQL_too_steps_are_kept_or_undone_one_by_one()
    {
        await using var h = await WorkflowHarness.CreateOnPostgresAsync();
        await KeptOrUndoneOneByOne(h);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task Steps_written_together_are_kept_or_undone_one_by_one(string writer)
    {
        await using var h = await Harness(writer);
        await KeptOrUndoneOneByOne(h);
    }

    private static async Task KeptOrUndoneOneByOne(WorkflowHarness h)
    {
        await h.DeployAsync(Waiting);
        var a = await h.Engine.StartAsync("waiting");
        var b = await h.Engine.StartAsync("waiting");
        await using var first = await RenameAsync(h, a, "first");
        await using var stale = await RenameAsync(h, a, "stale"); // read the same version as `first`: it must lose
        stale.History.Add(new ActivityHistoryRecord { InstanceId = a, ElementId = "ghost", ElementType = "task", At = h.Clock.GetUtcNow() });
        stale.Bookmarks.Remove(await stale.Bookmarks.FirstAsync(x => x.InstanceId == a)); // runs before its losing update: must be undone too
        await using var other = await RenameAsync(h, b, "other");

        var writer = h.Services.GetRequiredService<IStepWriter>();
        var outcomes = await Task.WhenAll(writer.WriteAsync(first, default), writer.WriteAsync(stale, default), writer.WriteAsync(other, default));

        // `first` and `stale` race for the same version: which one commits first is the database's choice
        // (PostgreSQL takes concurrent transactions in any order), but exactly one wins, whole, and the other leaves nothing.
        Assert.True(outcomes[2]);
        Assert.True(outcomes[0] ^ outcomes[1], $"exactly one of two stale-racing steps commits, not {outcomes[0]}/{outcomes[1]}");
        var firstWon = outcomes[0];
        await using var db = await h.Db();
        Assert.Equal(firstWon ? "first" : "stale", (await db.Instances.SingleAsync(i => i.Id == a)).BusinessKey);
        Assert.Equal("other", (await db.Instances.SingleAsync(i => i.Id == b)).BusinessKey);
        Assert.Equal(!firstWon, await db.History.AnyAsync(x => x.ElementId == "ghost"));
        Assert.Equal(firstWon, await db.Bookmarks.AnyAsync(x => x.InstanceId == a));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task A_step_that_breaks_a_constraint_fails_alone_and_writes_nothing(string kind)
    {
        await using var h = await Harness(kind);
        await h.DeployAsync(Waiting);
        var a = await h.Engine.StartAsync("waiting");
        var b = await h.Engine.StartAsync("waiting");
        Guid existingBookmark;
        await using (var db = await h.Db()) existingBookmark = (await db.Bookmarks.FirstAsync(x => x.InstanceId == a)).Id;
        await using var broken = await RenameAsync(h, a, "broken");
        broken.Bookmarks.Add(new BookmarkRecord { Id = existingBookmark, InstanceId = a, ElementId = "duplicate", CreatedAt = h.Clock.GetUtcNow() });
        await using var fine = await RenameAsync(h, b, "fine");

        var writer = h.Services.GetRequiredService<IStepWriter>();
        var failing = writer.WriteAsync(broken, default);
        var succeeding = writer.WriteAsync(fine, default);

        await Assert.ThrowsAsync<DbUpdateException>(() => failing);
        Assert.True(await succeeding);
        await using var check = await h.Db();
        Assert.Null((await check.Instances.SingleAsync(i => i.Id == a)).BusinessKey);
        Assert.Equal("fine", (await check.Instances.SingleAsync(i => i.Id == b)).BusinessKey);
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task Rows_it_writes_read_back_exactly_as_EF_Core_would_have_written_them(string writer)
    {
        await using var h = await Harness(writer);
        var due = new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.FromHours(1));
        var bookmark = new BookmarkRecord
        {
            Id = Guid.CreateVersion7(), InstanceId = Guid.NewGuid(), TokenId = 3, ElementId = "plannedEnd", Kind = BookmarkKind.Timer,
            DueAt = due, CycleRemaining = null, CycleInterval = "P1M", CreatedAt = h.Clock.GetUtcNow(),
        };
        var task = new HumanTaskRecord { Id = Guid.CreateVersion7(), InstanceId = bookmark.InstanceId, Name = "Décision", Status = HumanTaskStatus.Open, DueAt = due };
        await using (var db = await h.Db())
        {
            db.Bookmarks.Add(bookmark);
            db.Tasks.Add(task);
            Assert.True(await h.Services.GetRequiredService<IStepWriter>().WriteAsync(db, default));
        }

        await using var read = await h.Db();
        var stored = await read.Bookmarks.SingleAsync(x => x.Id == bookmark.Id);
        Assert.Equal((bookmark.InstanceId, 3, BookmarkKind.Timer, due, (int?)null, "P1M"),
            (stored.InstanceId, stored.TokenId, stored.Kind, stored.DueAt!.Value, stored.CycleRemaining, stored.CycleInterval));
        Assert.Single(await read.Bookmarks.Where(x => x.Kind == BookmarkKind.Timer && x.DueAt <= due).ToListAsync()); // comparable in SQL
        Assert.Single(await read.Tasks.Where(t => t.Status == HumanTaskStatus.Open && t.Name == "Décision").ToListAsync());
    }

    [Fact]
    public async Task Many_racing_steps_on_many_instances_leave_each_instance_exactly_one_step_ahead()
    {
        await using var h = await WorkflowHarness.CreateAsync();
        await h.DeployAsync(Process("twice", $"""
            <bpmn:startEvent id="start" /><bpmn:userTask id="first" /><bpmn:userTask id="second" /><bpmn:endEvent id="end" />
            {Flow("f1", "start", "first")}{Flow("f2", "first", "second")}{Flow("f3", "second", "end")}
            """));
        var instances = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => h.Engine.StartAsync("twice"))));
        var tasks = new List<Guid>();
        foreach (var id in instances) tasks.Add((await h.OpenTasksAsync(id)).Single().Id);

        // Three callers race for every task at once, so steps of many instances share commits and most lose.
        var outcomes = await Task.WhenAll(tasks.SelectMany(task => Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            try { await h.Engine.CompleteTaskAsync(task); return true; }
            catch (Engine.WorkflowConflictException) { return false; }
        }))));

        Assert.Equal(30, outcomes.Count(won => won));
        foreach (var id in instances)
        {
            Assert.Equal("second", Assert.Single(await h.OpenTasksAsync(id)).ElementId);
            Assert.Single(await h.TraceAsync(id), e => e == "completed:first");
            Assert.Equal(2, (await h.InstanceAsync(id)).Version);
        }
    }

    private static async Task<WorkflowDbContext> RenameAsync(WorkflowHarness h, Guid instanceId, string businessKey)
    {
        var db = await h.Db();
        var instance = await db.Instances.SingleAsync(i => i.Id == instanceId);
        instance.BusinessKey = businessKey;
        instance.Version++;
        return db;
    }
}
