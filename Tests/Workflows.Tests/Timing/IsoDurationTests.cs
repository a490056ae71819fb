using NodaTime;
using Orchestrator.Workflows.Timing;

namespace Orchestrator.Workflows.Tests.Timing;

public sealed class IsoDurationTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

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
    [InlineData("PT99999999999H")]
    [InlineData("P99999999999999999999999Y")]
    [InlineData("P20000Y")]
    [InlineData("PT999999999999999999999999999999H")] // thirty digits: too long, not an overflow
    [InlineData("PT1.5H30M")] // only the smallest part written may carry a fraction
    [InlineData("PT1.5M30S")]
    [InlineData("P1.5D")] // a fraction of a calendar unit has no length of its own
    [InlineData("P999999999999999999999999999999W")]
    public void Text_that_is_not_an_ISO_duration_that_fits_is_refused(string text) => Assert.False(IsoDuration.TryParse(text, out _));

    [Theory]
    [InlineData("R3/PT1H", 3, "PT1H")]
    [InlineData("R/P7D", null, "P7D")]
    [InlineData("R2/2026-02-01T09:00:00Z/P1D", 2, "P1D")]
    public void Repeating_intervals_are_read_with_their_repetitions(string text, int? repetitions, string interval)
    {
        Assert.True(RepeatingInterval.TryParse(text, Paris, out var cycle, out _));
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
        Assert.False(RepeatingInterval.TryParse(text, Paris, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("2026-03-28T02:30:00+01:00", "P1D", "2026-03-29T03:30:00+02:00")] // 02:30 does not exist on the 29th: forward by the gap
    [InlineData("2026-10-24T02:30:00+02:00", "P1D", "2026-10-25T02:30:00+02:00")] // 02:30 happens twice on 25 October: the earlier
    [InlineData("2026-10-25T01:30:00+02:00", "PT2H", "2026-10-25T02:30:00+01:00")] // elapsed hours across the autumn change
    public void Wall_clock_times_that_do_not_exist_move_forward_and_ambiguous_ones_take_the_earlier_instant(string start, string duration, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), IsoDuration.Parse(duration).AddTo(DateTimeOffset.Parse(start), Paris));

    [Theory]
    [InlineData("PT1.5H", 90 * 60)]
    [InlineData("PT0,5H", 30 * 60)]
    [InlineData("PT2.5M", 150)]
    [InlineData("PT1H0.5M", 3630)]
    [InlineData("PT0.5S", 0.5)]
    public void A_fraction_in_the_smallest_of_hours_minutes_or_seconds_is_elapsed_time_as_ISO_8601_allows(string text, double seconds)
    {
        Assert.True(IsoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration.Time);
    }

    [Fact]
    public void A_fraction_of_a_calendar_unit_is_refused_saying_to_write_it_in_hours() =>
        Assert.Contains("PT36H", IsoDuration.Read("P1.5D", out _));

    [Theory]
    [InlineData("2026-10-25T01:30:00Z", "PT1H", "2026-10-25T02:30:00Z")] // armed at 02:30 CET, the second pass of the repeated hour
    [InlineData("2026-10-25T01:45:00Z", "PT30M", "2026-10-25T02:15:00Z")]
    [InlineData("2026-10-25T01:20:00Z", "PT2H", "2026-10-25T03:20:00Z")]
    [InlineData("2026-10-25T01:30:00Z", "PT0S", "2026-10-25T01:30:00Z")]
    public void Elapsed_time_armed_in_the_second_pass_of_the_repeated_autumn_hour_ends_that_long_after_not_an_hour_early(string start, string duration, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), IsoDuration.Parse(duration).AddTo(DateTimeOffset.Parse(start), Paris));

    [Fact]
    public void A_duration_whose_due_date_is_beyond_any_calendar_cannot_be_added_and_says_so()
    {
        var start = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        Assert.False(IsoDuration.Parse("P9999Y").TryAddTo(start, Paris, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => IsoDuration.Parse("P9999Y").AddTo(start, Paris));
        Assert.True(IsoDuration.Parse("P99999D").TryAddTo(start, Paris, out var far));
        Assert.Equal(2299, far.Year);
    }

    [Theory]
    [InlineData("2026-03-29T02:30:00", "2026-03-29T03:30:00+02:00")] // local time in the gap: forward
    [InlineData("2026-10-25T02:30:00", "2026-10-25T02:30:00+02:00")] // ambiguous: the earlier
    [InlineData("2026-07-14T09:00:00", "2026-07-14T09:00:00+02:00")] // no offset: wall-clock time in the zone
    [InlineData("2026-07-14T09:00:00Z", "2026-07-14T09:00:00+00:00")]
    [InlineData("2026-07-14T09:00:00+05:00", "2026-07-14T09:00:00+05:00")]
    [InlineData("2026-07-14", "2026-07-14T00:00:00+02:00")]
    public void A_date_time_without_offset_is_wall_clock_time_in_the_configured_zone(string text, string expected)
    {
        Assert.True(TimerValue.TryParseDate(text, Paris, out var date));
        Assert.Equal(DateTimeOffset.Parse(expected), date);
    }

    [Theory]
    [InlineData("P2M", "P2M", true)]
    [InlineData("P8W", "P2M", true)]
    [InlineData("P59D", "P2M", true)] // the shortest two months (1 February to 1 April of a common year) last 59 days
    [InlineData("P60D", "P2M", false)] // after 31 January, two months end on 31 March
    [InlineData("P1M", "P31D", true)]
    [InlineData("P31D", "P1M", false)]
    [InlineData("P15D", "P15D", true)]
    [InlineData("P16D", "P15D", false)]
    [InlineData("P12M", "P1Y", true)]
    [InlineData("P1Y", "P365D", false)] // a leap year
    [InlineData("PT360H", "P15D", true)]
    [InlineData("P40Y", "P2D", false)]
    public void A_duration_is_never_longer_than_another_when_it_ends_no_later_from_every_start_date(string duration, string bound, bool expected) =>
        Assert.Equal(expected, IsoDuration.Parse(duration).NeverLongerThan(IsoDuration.Parse(bound), NodaTime.DateTimeZone.Utc));

    [Theory]
    [InlineData("PT24H", "P1D", false)] // from noon the Saturday before the spring change, a day later is 23 hours later
    [InlineData("P1D", "PT24H", false)] // and before the autumn change, 25 hours later
    [InlineData("PT23H", "P1D", true)]
    [InlineData("P1D", "PT25H", true)]
    [InlineData("PT360H", "P15D", false)]
    [InlineData("P2W", "P14D", true)]
    public void In_Paris_a_calendar_day_is_as_long_as_the_clock_says(string duration, string bound, bool expected) =>
        Assert.Equal(expected, IsoDuration.Parse(duration).NeverLongerThan(IsoDuration.Parse(bound), NodaTime.DateTimeZoneProviders.Tzdb["Europe/Paris"]));
}
