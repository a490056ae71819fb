using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Orchestrator.Persistence;

/// <summary>
/// Raises the <c>Version</c> concurrency token of every entity changed in a save, in one place for every transition: the
/// update then only applies where the row still has the version that was read, so of two transitions that read the same
/// state one commits and the other gets a <see cref="DbUpdateConcurrencyException"/> with nothing written.
/// </summary>
public sealed class ConcurrencyVersionInterceptor : SaveChangesInterceptor
{
    /// <summary>The property every versioned entity has.</summary>
    public const string Property = "Version";

    /// <summary>Raises the version of every modified versioned entity before the save.</summary>
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Raise(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    /// <summary>Raises the version of every modified versioned entity before the save.</summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Raise(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    private static void Raise(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries().Where(e => e.State == EntityState.Modified))
        {
            if (entry.Metadata.FindProperty(Property) is not { IsConcurrencyToken: true }) continue;
            var version = entry.Property(Property);
            version.CurrentValue = (int)version.OriginalValue! + 1;
        }
    }
}
