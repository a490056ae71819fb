using System.Buffers.Binary;

namespace Orchestrator.Workflows.Persistence;

/// <summary>
/// Version 7 GUIDs (RFC 9562) that sort in the order this process made them, even within one millisecond or on a clock
/// that stands still (a dry run's, a test's): two tasks a step opens, or two timers it arms, then come in the order the
/// step created them when sorted by due time and id, where <see cref="Guid.CreateVersion7(DateTimeOffset)"/>'s random bits
/// would order them differently on every run. Within a millisecond, an id is the previous one plus one (RFC 9562 §6.2,
/// method 2), keeping the version and variant bits.
/// </summary>
public static class OrderedIds
{
    private static readonly Lock Gate = new();
    private static UInt128 _last;

    // Bits from the least significant: 0–61 rand_b, 62–63 variant, 64–75 rand_a, 76–79 version, 80–127 the milliseconds.
    private static readonly UInt128 RandB = (UInt128.One << 62) - 1;
    private static readonly UInt128 RandA = ((UInt128.One << 12) - 1) << 64;

    /// <summary>A new version 7 id for <paramref name="time"/>, greater than every id this method returned before.</summary>
    public static Guid Next(DateTimeOffset time)
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7(time).TryWriteBytes(bytes, bigEndian: true, out _);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        lock (Gate)
        {
            if (value <= _last) value = Successor(_last);
            _last = value;
        }
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>One more in rand_b, carrying into rand_a and then the milliseconds; version and variant bits untouched.</summary>
    private static UInt128 Successor(UInt128 id)
    {
        if ((id & RandB) != RandB) return id + 1;
        id &= ~RandB;
        if ((id & RandA) != RandA) return id + (UInt128.One << 64);
        return (id & ~RandA) + (UInt128.One << 80);
    }
}
