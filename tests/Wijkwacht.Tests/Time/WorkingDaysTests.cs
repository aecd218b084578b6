using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wijkwacht.Hosting;
using Wijkwacht.Time;

namespace Wijkwacht.Tests.Time;

public sealed class WorkingDaysTests
{
    private static readonly WorkingDays National = Calendar(new WorkingDayOptions());

    [Theory]
    [InlineData("1900-04-15")]
    [InlineData("1913-03-23")]
    [InlineData("1943-04-25")]
    [InlineData("2008-03-23")]
    [InlineData("2024-03-31")]
    [InlineData("2025-04-20")]
    [InlineData("2026-04-05")]
    [InlineData("2027-03-28")]
    [InlineData("2038-04-25")]
    [InlineData("2200-04-06")]
    public void EasterFallsOnItsKnownDate(string easter)
    {
        var date = DateOnly.Parse(easter);

        Assert.Equal(date, BelgianHolidays.Easter(date.Year));
    }

    [Fact]
    public void The2026HolidaysAreExactlyTheTenBelgianPublicHolidays()
    {
        (string, string)[] expected =
        [
            ("2026-01-01", "New Year's Day"),
            ("2026-04-06", "Easter Monday"),
            ("2026-05-01", "Labour Day"),
            ("2026-05-14", "Ascension Day"),
            ("2026-05-25", "Whit Monday"),
            ("2026-07-21", "National Day"),
            ("2026-08-15", "Assumption Day"),
            ("2026-11-01", "All Saints' Day"),
            ("2026-11-11", "Armistice Day"),
            ("2026-12-25", "Christmas Day"),
        ];

        Assert.Equal(expected, BelgianHolidays.In(2026).Select(h => (h.Date.ToString("yyyy-MM-dd"), h.English)));
    }

    [Fact]
    public void AHolidayIsNamedInDutchFrenchAndEnglish()
    {
        var holiday = BelgianHolidays.On(new DateOnly(2026, 5, 25));

        Assert.Equal(new Holiday(new DateOnly(2026, 5, 25), "Pinkstermaandag", "Lundi de Pentecôte", "Whit Monday"), holiday);
        Assert.Null(BelgianHolidays.On(new DateOnly(2026, 5, 26)));
    }

    [Fact]
    public void WhenAscensionFallsOnLabourDayBothAreListedAndTheDayIsAHoliday()
    {
        var firstOfMay = new DateOnly(2008, 5, 1);

        Assert.Equal(["Labour Day", "Ascension Day"], BelgianHolidays.In(2008).Where(h => h.Date == firstOfMay).Select(h => h.English));
        Assert.NotNull(BelgianHolidays.On(firstOfMay));
        Assert.Equal(10, BelgianHolidays.In(2008).Count);
    }

    [Theory]
    [InlineData(1899)]
    [InlineData(2201)]
    public void YearsOutsideTheCalendarAreRefused(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BelgianHolidays.In(year));
        Assert.Throws<ArgumentOutOfRangeException>(() => National.IsWorkingDay(new DateOnly(year, 6, 14)));
    }

    [Theory]
    [InlineData("2026-03-28", false)] // Saturday
    [InlineData("2026-03-29", false)] // Sunday
    [InlineData("2026-04-06", false)] // Easter Monday
    [InlineData("2026-04-03", true)] // Good Friday is no Belgian public holiday
    [InlineData("2026-05-15", true)] // the Friday after Ascension, unless the municipality closes
    [InlineData("2026-12-24", true)]
    public void WeekendsAndPublicHolidaysAreNotWorkingDays(string day, bool working)
    {
        Assert.Equal(working, National.IsWorkingDay(DateOnly.Parse(day)));
    }

    [Fact]
    public void AConfiguredClosingDayIsNotAWorkingDay()
    {
        var calendar = Calendar(new WorkingDayOptions { ClosingDays = ["2026-05-15"], RecurringClosingDays = ["11-15"] });

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 5, 15)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 5, 14)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 11, 15)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2030, 11, 15)));
        Assert.Null(BelgianHolidays.On(new DateOnly(2027, 11, 15)));
    }

    // Brussels is at +01:00 in winter and +02:00 in summer (from 29 March to 25 October 2026).
    public static TheoryData<DateTimeOffset, int, DateTimeOffset> Deadlines =>
    [
        Deadline("zero days from a working day is the start itself", "2026-01-14T11:00:00+01:00", 0, "2026-01-14T11:00:00+01:00"),
        Deadline("across a weekend", "2026-01-16T14:30:00+01:00", 1, "2026-01-19T14:30:00+01:00"),
        Deadline("late on a working day keeps its hour", "2026-01-16T22:45:00+01:00", 1, "2026-01-19T22:45:00+01:00"),
        Deadline("across Easter Monday", "2026-04-03T09:15:00+02:00", 1, "2026-04-07T09:15:00+02:00"),
        Deadline("across Ascension, the Friday after counts", "2026-05-13T16:00:00+02:00", 1, "2026-05-15T16:00:00+02:00"),
        Deadline("across Christmas", "2026-12-24T10:00:00+01:00", 3, "2026-12-30T10:00:00+01:00"),
        Deadline("across New Year", "2026-12-30T10:00:00+01:00", 2, "2027-01-04T10:00:00+01:00"),
        Deadline("across National Day, two weeks on", "2026-07-20T10:00:00+02:00", 10, "2026-08-04T10:00:00+02:00"),
        Deadline("into summer time keeps the Brussels hour", "2026-03-27T10:00:00+01:00", 1, "2026-03-30T08:00:00Z"),
        Deadline("into winter time keeps the Brussels hour", "2026-10-23T10:00:00+02:00", 1, "2026-10-26T09:00:00Z"),
        Deadline("from a Saturday the clock starts Monday 09:00", "2026-01-17T14:00:00+01:00", 1, "2026-01-20T09:00:00+01:00"),
        Deadline("zero days from a Saturday is Monday 09:00", "2026-01-17T14:00:00+01:00", 0, "2026-01-19T09:00:00+01:00"),
        Deadline("from a holiday the clock starts the next working day 09:00", "2026-04-06T15:00:00+02:00", 2, "2026-04-09T09:00:00+02:00"),
        Deadline("a UTC start is read on the Brussels date (here Saturday 00:30)", "2026-01-16T23:30:00Z", 1, "2026-01-20T09:00:00+01:00"),
    ];

    [Theory]
    [MemberData(nameof(Deadlines))]
    public void AddingWorkingDaysGivesTheDeadlineInUtc(DateTimeOffset start, int workingDays, DateTimeOffset expected)
    {
        var deadline = National.AddWorkingDays(start, workingDays);

        Assert.Equal(expected, deadline);
        Assert.Equal(TimeSpan.Zero, deadline.Offset);
    }

    [Fact]
    public void DeadlinesSkipTheMunicipalitysClosingDays()
    {
        var calendar = Calendar(new WorkingDayOptions { ClosingDays = ["2026-05-15"], RecurringClosingDays = ["01-02", "12-26"] });

        // Ascension Thursday and the bridge Friday
        Assert.Equal(At("2026-05-18T16:00:00+02:00"), calendar.AddWorkingDays(At("2026-05-13T16:00:00+02:00"), 1));
        // Christmas, 26 December (a Friday in 2025), New Year and 2 January
        Assert.Equal(At("2026-01-05T10:00:00+01:00"), calendar.AddWorkingDays(At("2025-12-24T10:00:00+01:00"), 4));
    }

    [Fact]
    public void ANegativeNumberOfWorkingDaysIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => National.AddWorkingDays(At("2026-01-14T11:00:00+01:00"), -1));
    }

    [Theory]
    [InlineData("2026-01-14", "2026-01-14", 0)]
    [InlineData("2026-01-16", "2026-01-19", 1)]
    [InlineData("2026-01-19", "2026-01-16", -1)]
    [InlineData("2026-03-27", "2026-04-10", 9)]
    [InlineData("2026-01-01", "2026-12-31", 253)]
    public void WorkingDaysBetweenCountsTheWorkingDaysAfterFromUpToAndIncludingTo(string from, string to, int expected)
    {
        Assert.Equal(expected, National.WorkingDaysBetween(DateOnly.Parse(from), DateOnly.Parse(to)));
    }

    [Fact]
    public void WorkingDaysBetweenUndoesAddingWorkingDays()
    {
        var start = At("2026-12-23T10:00:00+01:00");

        var deadline = National.AddWorkingDays(start, 7);

        Assert.Equal(7, National.WorkingDaysBetween(DateOnly.FromDateTime(start.DateTime), DateOnly.FromDateTime(deadline.ToOffset(TimeSpan.FromHours(1)).DateTime)));
    }

    [Fact]
    public void TheSampleSettingsCloseOnTheCityOfBrusselsOwnDays()
    {
        var values = LocalSettingsFile.ReadValues(Path.Combine(Repository.Root, "local.settings.sample.json"));
        using var app = Build(values);

        var calendar = app.Services.GetRequiredService<WorkingDays>();

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 1, 2)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 9, 27)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 11, 15)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 11, 16)));
    }

    [Theory]
    [InlineData("WorkingDays:ClosingDays:0", "02/01/2026", "WorkingDays:ClosingDays")]
    [InlineData("WorkingDays:ClosingDays:0", "2026-02-30", "WorkingDays:ClosingDays")]
    [InlineData("WorkingDays:ClosingDays:0", "2026-12-26T00:00", "WorkingDays:ClosingDays")]
    [InlineData("WorkingDays:RecurringClosingDays:0", "26-12", "WorkingDays:RecurringClosingDays")]
    [InlineData("WorkingDays:RecurringClosingDays:0", "2-28", "WorkingDays:RecurringClosingDays")]
    [InlineData("WorkingDays:RecurringClosingDays:0", "", "WorkingDays:RecurringClosingDays")]
    public async Task AMalformedClosingDayStopsTheAppFromStarting(string key, string value, string named)
    {
        await using var app = Build(new Dictionary<string, string?> { [key] = value });

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(named + " entry must be", refusal.Message, StringComparison.Ordinal);
    }

    private static WorkingDays Calendar(WorkingDayOptions options) => new(Options.Create(options));

    private static WebApplication Build(IDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddWorkingDays();
        return builder.Build();
    }

    private static TheoryDataRow<DateTimeOffset, int, DateTimeOffset> Deadline(string situation, string start, int workingDays, string expected) =>
        new(At(start), workingDays, At(expected)) { Label = situation };

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
}
