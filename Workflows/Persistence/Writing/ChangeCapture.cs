using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Orchestrator.Workflows.Persistence.Writing;

/// <summary>
/// Turns what a step's context tracks as added, modified or deleted into plain statements, with EF Core's
/// own mapping (tables, columns, converters), so another writer can apply them in a transaction of its choosing.
/// The same checks as SaveChanges hold: an update or delete that touches no row (concurrency token or key
/// changed meanwhile) is a conflict.
/// </summary>
internal static class ChangeCapture
{
    private static readonly ConcurrentDictionary<string, string> Statements = new();

    public static List<RowWrite> Capture(DbContext db)
    {
        var deletes = new List<RowWrite>();
        var updates = new List<RowWrite>();
        var inserts = new List<RowWrite>();
        var history = new List<(long Order, RowWrite Write)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.State)
            {
                case EntityState.Added when entry.Entity is ActivityHistoryRecord:
                    history.Add(((long)entry.Property(nameof(ActivityHistoryRecord.Id)).CurrentValue!, Insert(entry)));
                    break;
                case EntityState.Added: inserts.Add(Insert(entry)); break;
                case EntityState.Modified: if (Update(entry) is { } update) updates.Add(update); break;
                case EntityState.Deleted: deletes.Add(Delete(entry)); break;
            }
        }
        // Deletes first so that a row replaced within the step (same unique key) never collides with itself.
        deletes.AddRange(updates);
        deletes.AddRange(inserts);
        // The change tracker lists entries in no guaranteed order (a slot freed by a removed entity is reused), but
        // history rows must be numbered in the order things happened: their temporary keys grow with each Add.
        deletes.AddRange(history.OrderBy(h => h.Order).Select(h => h.Write));
        return deletes;
    }

    private static RowWrite Insert(EntityEntry entry)
    {
        var columns = entry.Properties.Where(p => !p.IsTemporary).ToList();
        var table = Table(entry);
        var names = string.Join(", ", columns.Select(c => Quote(c.Metadata.GetColumnName())));
        var sql = Statements.GetOrAdd($"I|{table}|{names}", _ =>
            $"INSERT INTO {table} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})");
        return new RowWrite(sql, columns.Select(c => Value(c.Metadata, c.CurrentValue)).ToArray(), MustTouchOneRow: false);
    }

    private static RowWrite? Update(EntityEntry entry)
    {
        var changed = entry.Properties.Where(p => p.IsModified && !p.Metadata.IsPrimaryKey()).ToList();
        if (changed.Count == 0) return null;
        var guards = Guards(entry);
        var table = Table(entry);
        var set = string.Join(", ", changed.Select((c, i) => $"{Quote(c.Metadata.GetColumnName())} = @p{i}"));
        var sql = Statements.GetOrAdd($"U|{table}|{set}", _ => $"UPDATE {table} SET {set} WHERE {Where(guards, changed.Count)}");
        var values = changed.Select(c => Value(c.Metadata, c.CurrentValue)).Concat(guards.Select(g => Value(g.Metadata, g.OriginalValue)));
        return new RowWrite(sql, values.ToArray(), MustTouchOneRow: true);
    }

    private static RowWrite Delete(EntityEntry entry)
    {
        var guards = Guards(entry);
        var table = Table(entry);
        var sql = Statements.GetOrAdd($"D|{table}", _ => $"DELETE FROM {table} WHERE {Where(guards, 0)}");
        return new RowWrite(sql, guards.Select(g => Value(g.Metadata, g.OriginalValue)).ToArray(), MustTouchOneRow: true);
    }

    /// <summary>The key, then any concurrency token, compared with the values the step read.</summary>
    private static List<PropertyEntry> Guards(EntityEntry entry) =>
        entry.Properties.Where(p => p.Metadata.IsPrimaryKey() || p.Metadata.IsConcurrencyToken)
            .OrderByDescending(p => p.Metadata.IsPrimaryKey()).ThenBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();

    private static string Where(List<PropertyEntry> guards, int firstParameter) =>
        string.Join(" AND ", guards.Select((g, i) => $"{Quote(g.Metadata.GetColumnName())} = @p{firstParameter + i}"));

    private static string Table(EntityEntry entry) =>
        entry.Metadata.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(entry.Metadata.GetTableName()!)}" : Quote(entry.Metadata.GetTableName()!);

    private static string Quote(string identifier) => '"' + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';

    private static RowValue Value(IProperty property, object? value) => new(property.GetRelationalTypeMapping(), value, property.IsNullable);
}
