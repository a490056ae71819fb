using Bogus;
using Orchestrator.Demo;
using Orchestrator.Domain.Structures;

namespace Orchestrator.Cli.Scale;

/// <summary>
/// When and where a region's people are referred: a share of the year's referrals per device type (mobile teams and LHSS
/// see most people, ACT « Un chez-soi d'abord » fewest), spread evenly over the structures of that type, and over the
/// days of the year with a winter peak (about a third more referrals in January than in July, as the winter plans open places).
/// </summary>
internal static class RegionArrivals
{
    /// <summary>Share of the referrals per device type that runs a pathway; they add up to 1.</summary>
    public static readonly IReadOnlyDictionary<DeviceType, double> Shares = new Dictionary<DeviceType, double>
    {
        [DeviceType.Emsp] = 0.30, [DeviceType.Lhss] = 0.20, [DeviceType.Essip] = 0.14, [DeviceType.ComplexSituationCoordination] = 0.10,
        [DeviceType.Act] = 0.08, [DeviceType.Lam] = 0.07, [DeviceType.ActHorsLesMurs] = 0.07, [DeviceType.ActChezSoiDabord] = 0.04,
    };

    /// <summary>People a structure that runs a pathway takes in a year, on average: the directory grows with the region's referrals.</summary>
    public const int PeoplePerStructureAndYear = 150;

    /// <summary>How many structures of each pathway type each of the two départements needs for <paramref name="peoplePerYear"/> referrals.</summary>
    public static int StructuresPerType(int peoplePerYear) =>
        Math.Max(2, (int)Math.Ceiling(peoplePerYear / (double)(PeoplePerStructureAndYear * Shares.Count * 2)));

    /// <summary>
    /// <paramref name="peoplePerYear"/> × <paramref name="years"/> referrals over the days from <paramref name="start"/> (day 0),
    /// each to a structure of <paramref name="structures"/> that runs a pathway.
    /// </summary>
    public static ILookup<int, Arrival> Plan(IReadOnlyList<Structure> structures, int peoplePerYear, int years, DateTimeOffset start, Randomizer random)
    {
        var byType = structures.Where(s => s.Type.RunsPathways()).GroupBy(s => s.Type).ToDictionary(g => g.Key, g => g.ToList());
        var types = Shares.Keys.Where(byType.ContainsKey).ToArray();
        var weights = types.Select(t => (float)Shares[t]).ToArray();
        var days = years * 365;
        // The seasonal weight of each day: 1 + 0.15 × cos(day of the year from mid-January), so January ≈ 1.35 × July.
        var cumulative = new double[days];
        var total = 0.0;
        for (var d = 0; d < days; d++)
        {
            var dayOfYear = start.AddDays(d).DayOfYear;
            total += 1 + 0.15 * Math.Cos(2 * Math.PI * (dayOfYear - 15) / 365.25);
            cumulative[d] = total;
        }
        var arrivals = new List<Arrival>(peoplePerYear * years);
        for (var i = 0; i < peoplePerYear * years; i++)
        {
            var at = random.Double() * total;
            var day = Array.BinarySearch(cumulative, at);
            if (day < 0) day = ~day;
            var type = random.WeightedRandom(types, weights);
            arrivals.Add(new Arrival(Math.Min(day, days - 1), random.ListItem(byType[type])));
        }
        return arrivals.ToLookup(a => a.Day);
    }
}
