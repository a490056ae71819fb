using Orchestrator.Workflows.Timing;

namespace Orchestrator.Workflows.Tests.Timing;

public sealed class IsoDurationTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Theory]
    [InlineData("2026-12-31T10:00:00+01:00", "P2M", "2027-02-28T10:00:00+01:00")] // calendar months clamp to the month's last day
    [InlineData("2026-01-31T10:00:00+01:00", "P1M", "2026-02-28T10:00:00+01:00")]
    [InlineData("2028-01-31T10:00:00+01:00", "P1M", "2028-02-29T10:00:00+01:00")] // leap year
    [InlineData("2026-03-15T10:00:00+01:00", "P2M", "2026-05-15T10:00:00+02:00")] // same wall-clock hour across daylight saving
    [InlineData("2026-01-01T08:00:00+01:00", "P15D", "2026-01-16T08:00:00+01:00")]
    [InlineData("2026-01-01T08:00:00+01:00", "P1Y2M3DT4H5M6S", "2027-03-04T12:05:06+01:00")]
    [InlineData("2026-03-28T12:00:00+01:00", "PT48H", "2026-03-30T13:00:00+02:00")] // hours are elapsed time
    [InlineData("2026-01-01T08:00:00+01:00", "P2W", "2026-01-15T08:00:00+01:00")]
    public void Calendar_durations_are_added_in_local_wall_clock_time(string start, string duration, string expected)
    {
        var result = IsoDuration.Parse(duration).AddTo(DateTimeOffset.Parse(start), Paris);
        Assert.Equal(DateTimeOffset.Parse(expected), result);
    }

    [Theory]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("2M")]
    [InlineData("P2X")]
    [InlineData("60 days")]
    [InlineData("")]
    public void Text_that_is_not_an_ISO_duration_is_refused(string text) => Assert.False(IsoDuration.TryParse(text, out _));

    [Theory]
    [InlineData("R3/PT1H", 3, "PT1H")]
    [InlineData("R/P7D", null, "P7D")]
    [InlineData("R2/2026-02-01T09:00:00Z/P1D", 2, "P1D")]
    public void Repeating_intervals_are_read_with_their_repetitions(string text, int? repetitions, string interval)
    {
        Assert.True(RepeatingInterval.TryParse(text, out var cycle, out _));
        Assert.Equal(repetitions, cycle!.Repetitions);
        Assert.Equal(interval, cycle.Interval.ToString());
    }

    [Theory]
    [InlineData("0 0 12 * * ?")]
    [InlineData("R0/PT1H")]
    [InlineData("R3/PT0S")]
    [InlineData("R3/yesterday/P1D")]
    public void Cron_and_malformed_cycles_are_refused_with_a_reason(string text)
    {
        Assert.False(RepeatingInterval.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
