using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Orchestrator.Workflows.Persistence;

/// <summary>
/// PostgreSQL: every <see cref="DateTimeOffset"/> is written as the same instant at offset 0, since Npgsql writes <c>timestamptz</c>
/// only from UTC values and refuses the rest. A date an author wrote in the engine's zone (a <c>timeDate</c> without offset, a task's
/// due date read from a form or a variable) keeps its +01:00/+02:00 until it is stored; read back, it comes in UTC.
/// </summary>
public sealed class UtcOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v);
