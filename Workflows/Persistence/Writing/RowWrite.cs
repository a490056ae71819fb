using Microsoft.EntityFrameworkCore.Storage;

namespace Orchestrator.Workflows.Persistence.Writing;

/// <summary>One captured insert, update or delete: its SQL and its values, converted and typed exactly as EF Core would.</summary>
internal sealed record RowWrite(string Sql, RowValue[] Values, bool MustTouchOneRow);

internal readonly record struct RowValue(RelationalTypeMapping Mapping, object? Value, bool Nullable);
