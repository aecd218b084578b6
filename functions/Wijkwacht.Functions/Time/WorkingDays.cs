using System.Globalization;
using Microsoft.Extensions.Options;

namespace Wijkwacht.Time;

internal sealed record Holiday(DateOnly Date, string Dutch, string French, string English);

internal sealed class WorkingDayOptions
{
    /// <summary>Extra days the municipality is closed, every year, as "MM-dd" (e.g. "11-15" for the King's Feast).</summary>
    public List<string> RecurringClosingDays { get; set; } = [];

    /// <summary>Extra one-off closing days, as "yyyy-MM-dd" (a bridge day).</summary>
    public List<string> ClosingDays { get; set; } = [];
}

/// <summary>
/// Belgian working days: not Saturday or Sunday, not one of the ten public holidays (Easter Monday, Ascension
/// and Whit Monday from Easter), not a day the municipality closes. Deadlines are counted in Brussels time.
/// </summary>
internal sealed class WorkingDays
{
    public static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
    private static readonly TimeOnly StartOfBusiness = new(9, 0);
    private readonly HashSet<(int Month, int Day)> _recurring;
    private readonly HashSet<DateOnly> _closing;

    public WorkingDays(IOptions<WorkingDayOptions> options)
    {
        _recurring = [.. options.Value.RecurringClosingDays.Select(d => { var md = DateOnly.ParseExact("2000-" + d, "yyyy-MM-dd", CultureInfo.InvariantCulture); return (md.Month, md.Day); })];
        _closing = [.. options.Value.ClosingDays.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture))];
    }

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && HolidayOn(day) is null
        && !_recurring.Contains((day.Month, day.Day))
        && !_closing.Contains(day);

    public static Holiday? HolidayOn(DateOnly day) => HolidaysIn(day.Year).FirstOrDefault(h => h.Date == day);

    public static IEnumerable<Holiday> HolidaysIn(int year)
    {
        var easter = EasterSunday(year);
        yield return new(new DateOnly(year, 1, 1), "Nieuwjaar", "Nouvel An", "New Year's Day");
        yield return new(easter.AddDays(1), "Paasmaandag", "Lundi de Pâques", "Easter Monday");
        yield return new(new DateOnly(year, 5, 1), "Dag van de Arbeid", "Fête du Travail", "Labour Day");
        yield return new(easter.AddDays(39), "Onze-Lieve-Heer-Hemelvaart", "Ascension", "Ascension Day");
        yield return new(easter.AddDays(50), "Pinkstermaandag", "Lundi de Pentecôte", "Whit Monday");
        yield return new(new DateOnly(year, 7, 21), "Nationale feestdag", "Fête nationale", "National Day");
        yield return new(new DateOnly(year, 8, 15), "Onze-Lieve-Vrouw-Hemelvaart", "Assomption", "Assumption Day");
        yield return new(new DateOnly(year, 11, 1), "Allerheiligen", "Toussaint", "All Saints' Day");
        yield return new(new DateOnly(year, 11, 11), "Wapenstilstand", "Armistice", "Armistice Day");
        yield return new(new DateOnly(year, 12, 25), "Kerstmis", "Noël", "Christmas Day");
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31, day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>
    /// N working days after <paramref name="start"/>: the same Brussels time of day on the Nth working day after
    /// start's day, so a dossier sent on Friday at 16:00 with one working day to answer is due Monday at 16:00.
    /// A start outside working days counts from the next working day at 09:00: sent on Saturday, due Tuesday at
    /// 09:00. Correct across the daylight-saving changes; the result is in UTC.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var local = TimeZoneInfo.ConvertTime(start, Brussels);
        var day = DateOnly.FromDateTime(local.DateTime);
        var timeOfDay = TimeOnly.FromDateTime(local.DateTime);
        if (!IsWorkingDay(day))
        {
            do
            {
                day = day.AddDays(1);
            }
            while (!IsWorkingDay(day));
            timeOfDay = StartOfBusiness;
        }

        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        var dueLocal = day.ToDateTime(timeOfDay);
        if (Brussels.IsInvalidTime(dueLocal))
        {
            dueLocal = dueLocal.AddHours(1); // the hour skipped when summer time starts
        }

        return new DateTimeOffset(dueLocal, Brussels.GetUtcOffset(dueLocal)).ToUniversalTime();
    }
}

internal static class WorkingDaysSetup
{
    public static void AddWorkingDays(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkingDayOptions>()
            .BindConfiguration("WorkingDays")
            .Validate(o => o.RecurringClosingDays.All(d => DateOnly.TryParseExact("2000-" + d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)),
                "WorkingDays:RecurringClosingDays takes days as MM-dd, e.g. 11-15.")
            .Validate(o => o.ClosingDays.All(d => DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)),
                "WorkingDays:ClosingDays takes dates as yyyy-MM-dd.")
            .ValidateOnStart();
        builder.Services.AddSingleton<WorkingDays>();
    }
}
