namespace Wijkwacht.Time;

/// <summary>A public holiday, named in the app's three languages.</summary>
internal sealed record Holiday(DateOnly Date, string Dutch, string French, string English);

/// <summary>
/// The ten Belgian public holidays (wettelijke feestdagen, jours fériés légaux) as they stand today, applied to
/// every year the calendar covers; that some came later (Armistice in 1922) does not matter to the app.
/// A holiday on a Sunday gives no day off here: replacement days are set by each employer, so a municipality
/// configures its own as closing days.
/// </summary>
internal static class BelgianHolidays
{
    public const int FirstYear = 1900;
    public const int LastYear = 2200;

    /// <summary>In date order. Ascension can fall on 1 May (as in 2008): then both are listed.</summary>
    public static IReadOnlyList<Holiday> In(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);
        var easter = Easter(year);
        return
        [
            new(new(year, 1, 1), "Nieuwjaar", "Jour de l'An", "New Year's Day"),
            new(easter.AddDays(1), "Paasmaandag", "Lundi de Pâques", "Easter Monday"),
            new(new(year, 5, 1), "Dag van de Arbeid", "Fête du Travail", "Labour Day"),
            new(easter.AddDays(39), "Onze-Lieve-Heer-Hemelvaart", "Ascension", "Ascension Day"),
            new(easter.AddDays(50), "Pinkstermaandag", "Lundi de Pentecôte", "Whit Monday"),
            new(new(year, 7, 21), "Nationale feestdag", "Fête nationale", "National Day"),
            new(new(year, 8, 15), "Onze-Lieve-Vrouw-Hemelvaart", "Assomption", "Assumption Day"),
            new(new(year, 11, 1), "Allerheiligen", "Toussaint", "All Saints' Day"),
            new(new(year, 11, 11), "Wapenstilstand", "Armistice", "Armistice Day"),
            new(new(year, 12, 25), "Kerstmis", "Noël", "Christmas Day"),
        ];
    }

    /// <summary>
    /// The public holiday on this day, if any (Labour Day when Ascension falls on it too). A municipality's own
    /// closing days are not holidays: ask <see cref="WorkingDays.IsWorkingDay"/> whether the office is open.
    /// </summary>
    public static Holiday? On(DateOnly day) => In(day.Year).FirstOrDefault(h => h.Date == day);

    /// <summary>Easter Sunday in the Gregorian calendar, by the anonymous algorithm of Meeus, Jones and Butcher.</summary>
    public static DateOnly Easter(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100;
        int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var monthAndDay = h + l - (7 * m) + 114;
        return new DateOnly(year, monthAndDay / 31, (monthAndDay % 31) + 1);
    }
}
