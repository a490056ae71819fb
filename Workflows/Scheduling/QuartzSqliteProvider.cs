using System.Data;
using System.Data.Common;
using Orchestrator.Workflows.Persistence;
using Quartz.Impl.AdoJobStore.Common;

namespace Orchestrator.Workflows.Scheduling;

/// <summary>
/// Quartz's SQLite connections, opened in WAL mode with synchronous=NORMAL like the engine's. Left to its
/// defaults Quartz's store syncs its rollback journal to disk on every transaction, which under a busy
/// engine costs more than all the engine's own writes; its rows are a copy of what the engine's database
/// holds (the reconciler rebuilds them), so it needs no stronger durability than that database.
/// </summary>
internal sealed class QuartzSqliteProvider(string connectionString) : IDbProvider
{
    private readonly DbProvider _inner = new("SQLite-Microsoft", connectionString);

    public string ConnectionString => _inner.ConnectionString;

    public DbMetadata Metadata => _inner.Metadata;

    public DbCommand CreateCommand() => _inner.CreateCommand();

    public DbConnection CreateConnection()
    {
        var connection = _inner.CreateConnection();
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == ConnectionState.Open) SqlitePragmaInterceptor.Apply(connection);
        };
        return connection;
    }

    public void Shutdown() => _inner.Shutdown();
}
