using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Orchestrator.Workflows.Persistence;

/// <summary>Stores a <see cref="DateTimeOffset"/> as its UTC ticks on SQLite, so that dates compare and sort in SQL (the offset is not kept: every date is UTC).</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
