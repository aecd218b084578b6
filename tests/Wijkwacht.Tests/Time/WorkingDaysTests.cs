using Microsoft.Extensions.Options;
using Wijkwacht.Time;

namespace Wijkwacht.Tests.Time;

public sealed class WorkingDaysTests
{
    private static readonly WorkingDays Brussels = new(Options.Create(new WorkingDayOptions { RecurringClosingDays = ["11-15", "12-26"], ClosingDays = ["2026-05-15"] }));

    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    [InlineData(2000, 4, 23)]
    public void EasterSundayIsComputedForAnyYear(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), WorkingDays.EasterSunday(year));

    [Fact]
    public void The2026HolidaysAreTheTenBelgianPublicHolidays()
    {
        string[] expected = ["2026-01-01", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25", "2026-07-21", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25"];

        Assert.Equal(expected, WorkingDays.HolidaysIn(2026).Select(h => h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("Pinkstermaandag", WorkingDays.HolidayOn(new DateOnly(2026, 5, 25))!.Dutch);
    }

    [Theory]
    [InlineData("2026-11-21", false)] // Saturday
    [InlineData("2026-11-22", false)] // Sunday
    [InlineData("2026-11-23", true)]
    [InlineData("2026-11-11", false)] // Armistice
    [InlineData("2026-11-16", true)]
    [InlineData("2026-12-26", false)] // configured, every year (a Saturday anyway in 2026)
    [InlineData("2025-12-26", false)] // configured, every year (a Friday)
    [InlineData("2026-05-15", false)] // configured, once (the bridge after Ascension)
    [InlineData("2027-05-07", true)]
    public void AWorkingDayIsAWeekdayThatIsNeitherAHolidayNorAClosingDay(string day, bool working) =>
        Assert.Equal(working, Brussels.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-11-20T16:00:00+01:00", 1, "2026-11-23T16:00:00+01:00")] // Friday → Monday, over the weekend
    [InlineData("2026-11-20T16:00:00+01:00", 0, "2026-11-20T16:00:00+01:00")]
    [InlineData("2026-11-10T10:00:00+01:00", 2, "2026-11-13T10:00:00+01:00")] // over Armistice
    [InlineData("2026-04-03T09:30:00+02:00", 1, "2026-04-07T09:30:00+02:00")] // Good Friday is a working day; Easter Monday is not
    [InlineData("2026-05-13T11:00:00+02:00", 1, "2026-05-18T11:00:00+02:00")] // Ascension and the closed bridge day
    [InlineData("2026-12-24T15:00:00+01:00", 2, "2026-12-29T15:00:00+01:00")] // Christmas (a Friday) and the weekend
    [InlineData("2026-03-27T10:00:00+01:00", 1, "2026-03-30T10:00:00+02:00")] // into summer time: 10:00 stays 10:00
    [InlineData("2026-10-23T10:00:00+02:00", 1, "2026-10-26T10:00:00+01:00")] // into winter time
    [InlineData("2026-11-21T14:00:00+01:00", 1, "2026-11-24T09:00:00+01:00")] // from a Saturday: count from Monday 09:00
    public void ADeadlineInWorkingDaysFallsOnTheRightDayAndHourInBrussels(string start, int days, string due)
    {
        var result = Brussels.AddWorkingDays(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), days);

        Assert.Equal(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), result);
        Assert.Equal(TimeSpan.Zero, result.Offset);
    }
}
