using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace Orchestrator.Workflows.Expressions;

/// <summary>
/// The expressions' <c>Date</c> turns local parts into an instant through the zone's rules (ECMA-262 §21.4.1.26, UTC(t)): a time the
/// autumn change repeats is the earlier instant, one the spring change skips moves forward by the gap, as a timer date without offset.
/// Jint's own conversion asks the offset at the local time read as UTC, which in the repeated hour gives the later instant. The
/// constructor with two to seven arguments, the seven local setters and <c>setYear</c> are replaced; the setters and the arithmetic
/// (MakeDay, MakeTime, TimeClip) run here, in .NET, so they cost the expression none of its 10,000 statements, read the date's own time
/// value (not getters a subclass may override), and are out of the expression's reach.
/// </summary>
internal static class LocalDateParts
{
    /// <summary>
    /// Wraps the constructor: a call without <c>new</c>, and <c>new Date()</c>, <c>new Date(value)</c>, stay the built-in's; two to
    /// seven arguments are converted to numbers in order (as ECMAScript does) and handed to <c>local</c>.
    /// </summary>
    private static readonly Prepared<Acornima.Ast.Script> Constructor = Jint.Engine.PrepareScript("""
        ((NativeDate, local) => {
          const Date = function (...args) {
            if (new.target === undefined) return NativeDate();
            if (args.length < 2) return Reflect.construct(NativeDate, args, new.target);
            return Reflect.construct(NativeDate, [local(...args.map(Number))], new.target);
          };
          Object.defineProperty(Date, 'length', { value: 7 });
          Object.defineProperty(Date, 'prototype', { value: NativeDate.prototype, writable: false });
          for (const name of ['UTC', 'now', 'parse']) Object.defineProperty(Date, name, { value: NativeDate[name], writable: true, configurable: true });
          Object.defineProperty(NativeDate.prototype, 'constructor', { value: Date, writable: true, configurable: true });
          globalThis.Date = Date;
        })
        """);

    private const double MsPerDay = 86_400_000;

    /// <summary>Replaces <c>Date</c> and its local setters in <paramref name="engine"/> before an expression runs.</summary>
    public static void Install(Jint.Engine engine)
    {
        var prototype = engine.Evaluate("Date.prototype").AsObject();
        var setTime = prototype.Get("setTime");
        foreach (var (name, first, count) in new[] { ("setFullYear", 0, 3), ("setMonth", 1, 2), ("setDate", 2, 1), ("setHours", 3, 4),
                     ("setMinutes", 4, 3), ("setSeconds", 5, 2), ("setMilliseconds", 6, 1) })
        {
            var builtIn = prototype.Get(name);
            prototype.Set(name, new ClrFunction(engine, name, (self, args) =>
                self is JsDate date ? engine.Invoke(setTime, date, [SetParts(date.DateValue, args, name == "setFullYear", first, count)]) : engine.Invoke(builtIn, self, args),
                count, PropertyFlag.Configurable));
        }
        var setYear = prototype.Get("setYear");
        prototype.Set("setYear", new ClrFunction(engine, "setYear", (self, args) =>
            self is JsDate date ? engine.Invoke(setTime, date, [SetYear(date.DateValue, args)]) : engine.Invoke(setYear, self, args), 1, PropertyFlag.Configurable));
        var local = new ClrFunction(engine, "local", (_, args) => FromParts(args.Select(TypeConverter.ToNumber).ToArray()), 7, PropertyFlag.Configurable);
        engine.Invoke(engine.Evaluate(Constructor), engine.Evaluate("Date"), local);
    }

    /// <summary><c>new Date(y, m[, d, h, min, s, ms])</c>: two-digit years are 19xx; the parts are normalised, read in the zone, clipped.</summary>
    private static double FromParts(double[] n)
    {
        double Part(int i, double absent) => i < n.Length ? n[i] : absent;
        var year = n[0];
        if (!double.IsNaN(year) && Math.Truncate(year) is >= 0 and <= 99) year = 1900 + Math.Truncate(year);
        return TimeClip(Utc(MakeDate(MakeDay(year, Part(1, 0), Part(2, 1)), MakeTime(Part(3, 0), Part(4, 0), Part(5, 0), Part(6, 0)))));
    }

    /// <summary>A local setter: the arguments given replace the parts from <paramref name="first"/>; the others stay as they were.</summary>
    private static double SetParts(double time, JsValue[] args, bool revivesNaN, int first, int count)
    {
        // Every argument given is converted first, in order, even on an invalid date (its valueOf runs, a Symbol throws).
        var given = new double[Math.Min(Math.Max(args.Length, 1), count)];
        for (var i = 0; i < given.Length; i++) given[i] = i < args.Length ? TypeConverter.ToNumber(args[i]) : double.NaN;
        double[] parts;
        if (!double.IsNaN(time)) parts = Parts(LocalTime(time));
        else if (revivesNaN) parts = Parts(0); // setFullYear on an invalid date starts from +0, read as local time
        else return double.NaN;
        for (var i = 0; i < given.Length; i++) parts[first + i] = given[i];
        return TimeClip(Utc(MakeDate(MakeDay(parts[0], parts[1], parts[2]), MakeTime(parts[3], parts[4], parts[5], parts[6]))));
    }

    /// <summary>Annex B's <c>setYear</c>: a two-digit year is 19xx.</summary>
    private static double SetYear(double time, JsValue[] args)
    {
        var year = TypeConverter.ToNumber(args.Length > 0 ? args[0] : JsValue.Undefined);
        if (double.IsNaN(year)) return double.NaN;
        var whole = Math.Truncate(year);
        var parts = Parts(double.IsNaN(time) ? 0 : LocalTime(time));
        parts[0] = whole is >= 0 and <= 99 ? 1900 + whole : year;
        return TimeClip(Utc(MakeDate(MakeDay(parts[0], parts[1], parts[2]), MakeTime(parts[3], parts[4], parts[5], parts[6]))));
    }

    private static double LocalTime(double time) => time + ExpressionTime.OffsetAt(time);

    private static double Utc(double local) => double.IsNaN(local) ? double.NaN : ExpressionTime.WallClockToEpoch(local);

    /// <summary>Year, month (0–11), day, hours, minutes, seconds and milliseconds of a local time value.</summary>
    private static double[] Parts(double local)
    {
        var day = Math.Floor(local / MsPerDay);
        var within = local - day * MsPerDay;
        var (year, month, date) = CivilFromDays((long)day);
        return [year, month - 1, date, Math.Floor(within / 3_600_000), Math.Floor(within / 60_000) % 60, Math.Floor(within / 1000) % 60, within % 1000];
    }

    private static double MakeTime(double hour, double minute, double second, double ms) =>
        double.IsFinite(hour) && double.IsFinite(minute) && double.IsFinite(second) && double.IsFinite(ms)
            ? Math.Truncate(hour) * 3_600_000 + Math.Truncate(minute) * 60_000 + Math.Truncate(second) * 1000 + Math.Truncate(ms)
            : double.NaN;

    private static double MakeDay(double year, double month, double date)
    {
        if (!double.IsFinite(year) || !double.IsFinite(month) || !double.IsFinite(date)) return double.NaN;
        var y = Math.Truncate(year) + Math.Floor(Math.Truncate(month) / 12);
        if (Math.Abs(y) > 400_000) return double.NaN; // far beyond TimeClip's ±275,760 years
        var m = ((Math.Truncate(month) % 12) + 12) % 12;
        return DaysFromCivil((long)y, (long)m + 1, 1) + Math.Truncate(date) - 1;
    }

    private static double MakeDate(double day, double time)
    {
        var value = day * MsPerDay + time;
        return double.IsFinite(value) ? value : double.NaN;
    }

    private static double TimeClip(double time) =>
        !double.IsFinite(time) || Math.Abs(time) > 8.64e15 ? double.NaN : Math.Truncate(time) + 0.0;

    // Howard Hinnant's days_from_civil and civil_from_days: the proleptic Gregorian calendar, day 0 = 1970-01-01, any year.
    private static long DaysFromCivil(long year, long month, long day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - era * 400;
        var dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    private static (long Year, long Month, long Day) CivilFromDays(long days)
    {
        days += 719468;
        var era = (days >= 0 ? days : days - 146096) / 146097;
        var dayOfEra = days - era * 146097;
        var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var mp = (5 * dayOfYear + 2) / 153;
        var day = dayOfYear - (153 * mp + 2) / 5 + 1;
        var month = mp < 10 ? mp + 3 : mp - 9;
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
    }
}
