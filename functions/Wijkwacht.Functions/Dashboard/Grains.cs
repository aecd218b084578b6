using System.Globalization;

namespace Wijkwacht.Dashboard;

/// <summary>The time grains aggregates are kept at; each Brussels day belongs to exactly one period of each.</summary>
internal enum Grain
{
    Day,
    Week,
    Month,
    Year,
}

/// <summary>One period of one grain: a day, an ISO week, a calendar month or a year, on the Brussels calendar.</summary>
internal readonly record struct Period(Grain Grain, DateOnly First, DateOnly Last)
{
    /// <summary>The aggregate partition of this period: D2026-11-30, W2026-W49, M2026-11, Y2026.</summary>
    public string Key => Grain switch
    {
        Grain.Day => "D" + First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Grain.Week => $"W{ISOWeek.GetYear(First.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(First.ToDateTime(TimeOnly.MinValue)):00}",
        Grain.Month => "M" + First.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => "Y" + First.ToString("yyyy", CultureInfo.InvariantCulture),
    };

    public static Period Of(Grain grain, DateOnly day) => grain switch
    {
        Grain.Day => new(grain, day, day),
        Grain.Week => new(grain, day.AddDays(-MondayOffset(day)), day.AddDays(6 - MondayOffset(day))),
        Grain.Month => new(grain, new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1)),
        _ => new(grain, new DateOnly(day.Year, 1, 1), new DateOnly(day.Year, 12, 31)),
    };

    /// <summary>The periods a day counts in, one per grain: where a change on that day is written.</summary>
    public static IEnumerable<Period> Containing(DateOnly day) => Enum.GetValues<Grain>().Select(g => Of(g, day));

    /// <summary>
    /// Few periods that exactly cover from..to (inclusive): the whole years inside it, then whole months in what
    /// is left at either end, then ISO weeks, then days at the ragged edges. Five years read five rows, not 1826.
    /// </summary>
    public static IReadOnlyList<Period> Tiling(DateOnly from, DateOnly to)
    {
        if (from > to)
        {
            return [];
        }

        foreach (var grain in new[] { Grain.Year, Grain.Month, Grain.Week })
        {
            var first = Of(grain, from);
            var whole = new List<Period>();
            for (var p = first.First == from ? first : Of(grain, first.Last.AddDays(1)); p.Last <= to; p = Of(grain, p.Last.AddDays(1)))
            {
                whole.Add(p);
            }

            if (whole.Count > 0)
            {
                return [.. Tiling(from, whole[0].First.AddDays(-1)), .. whole, .. Tiling(whole[^1].Last.AddDays(1), to)];
            }
        }

        return [.. Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => Of(Grain.Day, from.AddDays(i)))];
    }

    private static int MondayOffset(DateOnly day) => ((int)day.DayOfWeek + 6) % 7;
}
