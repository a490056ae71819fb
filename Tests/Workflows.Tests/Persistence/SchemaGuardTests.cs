using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Workflows.Tests.Persistence;

public sealed class SchemaGuardTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "schema-" + Guid.NewGuid().ToString("N") + ".db");

    private WorkflowDbContext Context() => new(new DbContextOptionsBuilder<WorkflowDbContext>()
        .UseSqlite($"Data Source={_file}").ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ProviderModelCacheKeyFactory>().Options);

    [Fact]
    public async Task A_database_written_by_another_version_of_the_model_is_refused_at_start_up_with_a_clear_message()
    {
        await using (var db = Context()) await WorkflowDatabase.CreateTablesIfMissingAsync(db, "wf_instances");
        await using (var db = Context()) await WorkflowDatabase.CreateTablesIfMissingAsync(db, "wf_instances"); // same version: fine

        await using (var db = Context()) await db.Database.ExecuteSqlRawAsync("UPDATE orc_schema SET fingerprint = 'older'");
        await using (var db = Context())
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => WorkflowDatabase.CreateTablesIfMissingAsync(db, "wf_instances"));
            Assert.Contains("another version of Orchestrator", refused.Message);
            Assert.Contains("delete the data folder", refused.Message);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(_file)!, Path.GetFileName(_file) + "*")) File.Delete(file);
        File.Delete(_file);
    }
}
