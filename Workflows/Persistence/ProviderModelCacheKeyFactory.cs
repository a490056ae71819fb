using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Orchestrator.Workflows.Persistence;

/// <summary>The model depends on the provider (SQLite stores dates as ticks), so cache one model per provider.</summary>
public sealed class ProviderModelCacheKeyFactory : IModelCacheKeyFactory
{
    /// <inheritdoc/>
    public object Create(DbContext context, bool designTime) => (context.GetType(), context.Database.ProviderName, designTime);
}
