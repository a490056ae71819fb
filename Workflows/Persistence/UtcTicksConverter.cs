using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Orchestrator.Workflows.Persistence;

public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
