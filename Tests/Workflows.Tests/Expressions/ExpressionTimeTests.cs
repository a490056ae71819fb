using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Workflows.Expressions;
using Orchestrator.Workflows.Tests.Support;
using static Orchestrator.Workflows.Tests.Support.Bpmn;

namespace Orchestrator.Workflows.Tests.Expressions;

/// <summary>An expression's « now » is the step's instant, and its local time the engine's zone, whatever the machine's clock and zone.</summary>
public sealed class ExpressionTimeTests
{
    private static readonly NodaTime.DateTimeZone Paris = NodaTime.DateTimeZoneProviders.Tzdb["Europe/Paris"];

    [Theory]
    [InlineData("${new Date(2027, 6, 1, 9, 0)}", "2027-07-01T07:00:00.0000000+00:00")] // 09:00 in Paris, summer time
    [InlineData("${new Date(2026, 11, 25, 9, 0)}", "2026-12-25T08:00:00.0000000+00:00")] // winter time
    [InlineData("${new Date('2026-12-25T09:00:00')}", "2026-12-25T08:00:00.0000000+00:00")] // a local date text, as a timer date without offset
    [InlineData("${new Date(2026, 11, 25, 9, 0).getHours()}", "9")]
    [InlineData("${new Date('2026-10-25T02:30:00')}", "2026-10-25T00:30:00.0000000+00:00")] // the repeated autumn hour: the earlier, as a timer reads it
    [InlineData("${new Date('2026-03-29T02:30:00')}", "2026-03-29T01:30:00.0000000+00:00")] // the spring gap: moved forward to 03:30 CEST
    [InlineData("${new Date('2026-12-25')}", "2026-12-25T00:00:00.0000000+00:00")] // a date alone is UTC midnight, as ECMAScript reads it
    [InlineData("${new Date(2027, 9, 31, 2, 30)}", "2027-10-31T00:30:00.0000000+00:00")] // the repeated hour from its parts: the earlier too
    [InlineData("${new Date(2027, 9, 31, 2, 0)}", "2027-10-31T00:00:00.0000000+00:00")]
    [InlineData("${new Date(new Date(2027, 9, 30, 2, 30).setDate(31))}", "2027-10-31T00:30:00.0000000+00:00")] // and through a setter
    [InlineData("${new Date(2027, 9, 31, 3, 30)}", "2027-10-31T02:30:00.0000000+00:00")] // after it, winter time
    [InlineData("${new Date(2027, 2, 28, 2, 30)}", "2027-03-28T01:30:00.0000000+00:00")] // the spring gap from its parts: 03:30 CEST
    [InlineData("${new Date('2027-10-31 02:30:00')}", "2027-10-31T00:30:00.0000000+00:00")] // Jint's other local text forms
    [InlineData("${new Date('2027/10/31 02:30')}", "2027-10-31T00:30:00.0000000+00:00")]
    [InlineData("${new Date('2027-10-31T02:30:00+01:00')}", "2027-10-31T01:30:00.0000000+00:00")] // a text with its offset is that instant
    [InlineData("${new Date(Date.UTC(2027, 9, 31, 1, 30)).getHours()}", "2")] // 01:30Z is 02:30 CET, the later pass
    [InlineData("${new Date(Date.UTC(2027, 9, 31, 0, 30)).getHours()}", "2")] // 00:30Z is 02:30 CEST, the earlier
    [InlineData("R3/${new Date(2027, 0, 5, 9, 0)}/P1D", "R3/2027-01-05T08:00:00.0000000+00:00/P1D")] // a date among text is ISO 8601, not the culture's
    [InlineData("urgent=${1 > 0}", "urgent=true")] // a boolean as JavaScript writes it
    [InlineData("R3/PT${0.00001}S", "R3/PT0.00001S")] // and a number
    [InlineData("${new Date(new Date(2027, 9, 31, 4, 30).setHours(2))}", "2027-10-31T00:30:00.0000000+00:00")] // a setter after a getter: still the earlier
    [InlineData("${[2, 1].map(h => new Date(Date.UTC(2027, 9, 31, h, 30)).getHours()).join()}", "3,2")] // reading parts never changes what the next reads
    [InlineData("${new Date(Date.UTC(2027, 9, 31, 3, 30)).getHours() === 4 && new Date(2027, 9, 31, 2, 30).toISOString()}", "2027-10-31T00:30:00.000Z")]
    [InlineData("${new Date(2027, 12, 1, 9).toISOString()}", "2028-01-01T08:00:00.000Z")] // month 12 is January of the next year, as ECMAScript normalises
    [InlineData("${new Date(99, 0, 1).getFullYear()}", "1999")] // two-digit years are 19xx from the parts
    [InlineData("${new Date(NaN).setHours(3)}", "NaN")]
    [InlineData("${new Date(2027, 0, 5) instanceof Date && new Date(2027, 0, 5).constructor === Date}", "true")]
    [InlineData("${typeof Date()}", "string")]
    [InlineData("${[Date.length, Date.prototype.setHours.length, Date.prototype.setHours.name, Object.keys(Date).length].join()}", "7,4,setHours,0")]
    [InlineData("${new Date(275760, 8, 13, 1, 0).toISOString()}", "+275760-09-13T00:00:00.000Z")] // clipped after the offset, not before
    [InlineData("${(() => { class D extends Date { getHours() { return 99; } } const d = new D(2027, 0, 1, 10, 0); d.setMinutes(30); return d.toISOString(); })()}", "2027-01-01T09:30:00.000Z")] // the date's own value, not an overridden getter
    [InlineData("${new Date(new Date(2021, 9, 31, 2, 30).setYear(2027))}", "2027-10-31T00:30:00.0000000+00:00")] // Annex B's setYear too
    [InlineData("${(() => { const seen = []; new Date(NaN).setHours({ valueOf() { seen.push(1); return 1; } }); return seen.length; })()}", "1")] // arguments converted even on an invalid date
    [InlineData("${(() => { const d = new Date(2027, 0, 1); Array.from({ length: 3000 }, (_, i) => d.setHours(i % 24)); return d.getHours(); })()}", "23")] // setters cost the expression no statements of its own
    [InlineData("${new (globalThis['Da' + 'te'])(2027, 9, 31, 2, 30).toISOString()}", "2027-10-31T00:30:00.000Z")] // reached without its name
    [InlineData("${new Date(2027, 0, 5, 9, 0) - new Date(2027, 0, 5, 8, 0)}", "3600000")]
    [InlineData("${new Date('9999-12-30 12:00').toISOString()}", "9999-12-30T11:00:00.000Z")]
    [InlineData("${new Date(1900, 0, 1, 9, 0).toISOString()}", "1900-01-01T08:00:00.000Z")] // before 1970, the standard offset, as a cycle's start
    [InlineData("R${1n + 2n}/PT1H", "R3/PT1H")] // a BigInt as JavaScript writes it
    [InlineData("${new Date(new Date(2027, 2, 27, 2, 30).setDate(28))}", "2027-03-28T01:30:00.0000000+00:00")] // the spring gap through a setter: 03:30 CEST
    [InlineData("${1e21} ${1e-7} ${-0}", "1e+21 1e-7 0")]
    [InlineData("${new Date('9990-06-01 12:00')}", "9990-06-01T10:00:00.0000000+00:00")] // local texts up to year 9999
    [InlineData("${new Date('1900-01-01T09:00:00').getSeconds()}", "0")] // no seconds of Paris's mean time of 1900
    public void Local_dates_in_an_expression_are_wall_clock_time_in_the_engines_zone(string expression, string expected)
    {
        using var _ = ExpressionTime.At(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), Paris);

        Assert.Equal(expected, ExpressionEvaluator.EvaluateString(expression, new JsonObject()));
    }

    [Theory]
    [InlineData("${new Date(2027, 9, 31, 2, 30).getTime() === Date.UTC(2027, 9, 31, 0, 30) && 'oui' !== 'non'}")]
    [InlineData("${new globalThis['Da' + 'te'](2027, 9, 31, 2, 30).getTime() === Date.UTC(2027, 9, 31, 0, 30)}")]
    [InlineData("${new \u0044ate(2027, 9, 31, 2, 30) < new Date(Date.UTC(2027, 9, 31, 1, 0))}")]
    public void A_condition_s_local_dates_are_the_engines_zone_too_however_it_reaches_date(string condition)
    {
        using var _ = ExpressionTime.At(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), Paris);

        // 02:30 on the night of the autumn change is the earlier pass (00:30 UTC), as a timer date reads it; Jint alone says 01:30 UTC.
        Assert.True(ConditionExpression.Evaluate(condition, new JsonObject()));
    }

    [Fact]
    public void Now_in_an_expression_is_the_instant_it_is_evaluated_at_not_the_machines_clock()
    {
        var now = new DateTimeOffset(2030, 6, 1, 10, 0, 0, TimeSpan.Zero);
        using var _ = ExpressionTime.At(now, Paris);

        Assert.Equal(now.ToUnixTimeMilliseconds(), Convert.ToInt64(ExpressionEvaluator.Evaluate("${Date.now()}", new JsonObject())));
        Assert.True(ExpressionEvaluator.EvaluateCondition("${new Date().getFullYear() === 2030}", new JsonObject()));
    }

    [Fact]
    public void A_condition_that_yields_a_function_is_refused_in_words_not_with_a_serializer_error()
    {
        var error = Assert.Throws<ExpressionException>(() => ExpressionEvaluator.EvaluateCondition("${Boolean}", new JsonObject()));

        Assert.Contains("it yields a function, not a value", error.Reason);
    }

    [Fact]
    public async Task A_timer_computed_from_now_is_due_an_hour_after_the_engines_clock_not_the_machines()
    {
        await using var h = await WorkflowHarness.CreateAsync(); // its clock stands on 15 January 2026
        await h.DeployAsync(Process("inAnHour", $"""
            <bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait">{Timer("timeDate", "${new Date(Date.now() + 3600000)}")}</bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end" />{Flow("f0", "start", "wait")}{Flow("f1", "wait", "end")}
            """));

        await h.Engine.StartAsync("inAnHour");

        await using var db = await h.Db();
        Assert.Equal(h.Clock.GetUtcNow().AddHours(1), (await db.Bookmarks.SingleAsync()).DueAt);
    }

    [Theory]
    [InlineData("${new Date(NaN)}", "it yields an invalid date")]
    [InlineData("${new Date(10001, 0, 1)}", "outside the years 1 to 9999")]
    public void A_date_no_timer_can_hold_is_refused_in_words(string expression, string reason)
    {
        using var _ = ExpressionTime.At(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), Paris);

        Assert.Contains(reason, Assert.Throws<ExpressionException>(() => ExpressionEvaluator.Evaluate(expression, new JsonObject())).Reason);
    }
}
