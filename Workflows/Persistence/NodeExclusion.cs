using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Orchestrator.Workflows.Persistence;

/// <summary>
/// Work that one node at a time may do, among the nodes sharing a PostgreSQL database: a transaction-scoped advisory lock
/// (<c>pg_advisory_xact_lock</c>) taken on a context's connection. Another node asking for the same key waits until this
/// transaction ends, committed, rolled back or cut by the node's death, so the lock never outlives its holder. On SQLite (one
/// node by design) there is nothing to take and the work runs as it would without.
/// </summary>
public sealed class NodeExclusion : IAsyncDisposable
{
    private readonly IDbContextTransaction? _transaction;

    private NodeExclusion(IDbContextTransaction? transaction) => _transaction = transaction;

    /// <summary>
    /// Waits until no other node holds <paramref name="key"/>, then holds it in a transaction begun on <paramref name="db"/>:
    /// what <paramref name="db"/> saves meanwhile is written in that transaction and kept only by <see cref="CommitAsync"/>.
    /// </summary>
    public static async Task<NodeExclusion> AcquireAsync(DbContext db, long key, CancellationToken ct)
    {
        if (db.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL") return new NodeExclusion(null);
        var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        return new NodeExclusion(transaction);
    }

    /// <summary>Commits what was saved under the lock, and releases it.</summary>
    public Task CommitAsync(CancellationToken ct) => _transaction?.CommitAsync(ct) ?? Task.CompletedTask;

    /// <summary>Releases the lock; what was saved under it and not committed is rolled back.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null) await _transaction.DisposeAsync();
    }
}
