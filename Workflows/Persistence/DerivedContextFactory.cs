using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Workflows.Persistence;

/// <summary>
/// Serves <typeparamref name="TBase"/> from the pooled factory of its per-provider subclass, so that code asks
/// for the engine's context without knowing which provider (and which set of migrations) the host runs on.
/// </summary>
public sealed class DerivedContextFactory<TBase, TDerived>(IDbContextFactory<TDerived> inner) : IDbContextFactory<TBase>
    where TBase : DbContext
    where TDerived : TBase
{
    /// <inheritdoc />
    public TBase CreateDbContext() => inner.CreateDbContext();

    /// <inheritdoc />
    public async Task<TBase> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
