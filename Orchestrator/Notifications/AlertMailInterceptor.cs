using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Orchestrator.Domain.Alerts;

namespace Orchestrator.Notifications;

/// <summary>
/// The one place every new alert passes, whoever raised it: its mail row is added to the same transaction (when mail is
/// configured), and once committed the alert is counted and the mail sender woken.
/// </summary>
public sealed class AlertMailInterceptor(AlertMailOutbox outbox, Diagnostics.DomainMetrics metrics, TimeProvider clock) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<string>> _raised = new();

    /// <summary>Adds a mail row for each new alert to the save (when mail is on) and notes the alerts raised.</summary>
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    /// <summary>Adds a mail row for each new alert to the save (when mail is on) and notes the alerts raised.</summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    /// <summary>Counts the alerts the save wrote and wakes the mail sender.</summary>
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    /// <summary>Counts the alerts the save wrote and wakes the mail sender.</summary>
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Committed(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    /// <summary>Forgets the alerts of a save that failed.</summary>
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _raised.Remove(eventData.Context!);

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        var added = context.ChangeTracker.Entries<Alert>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0) return;
        if (outbox.Enabled)
            foreach (var alert in added) context.Set<AlertMail>().Add(AlertMail.For(alert.Id, clock.GetUtcNow()));
        _raised.AddOrUpdate(context, added.Select(a => a.Type).ToList());
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !_raised.TryGetValue(context, out var types)) return;
        _raised.Remove(context);
        foreach (var type in types) metrics.AlertRaised(type);
        if (outbox.Enabled) outbox.Signal();
    }
}
