using Wijkwacht.Dashboard;

namespace Wijkwacht.Tests.Dashboard;

public sealed class PeriodTilingTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void FiveWholeYearsAreReadAsFiveYearRows()
    {
        Assert.Equal(["Y2021", "Y2022", "Y2023", "Y2024", "Y2025"], Period.Tiling(D("2021-01-01"), D("2025-12-31")).Select(p => p.Key));
    }

    [Fact]
    public void IsoWeek53AcrossNewYearIsOneWeekRow()
    {
        Assert.Equal(["W2020-W53"], Period.Tiling(D("2020-12-28"), D("2021-01-03")).Select(p => p.Key));
    }

    [Fact]
    public void ARaggedPeriodUsesDaysThenWeeksThenMonthsThenAYear()
    {
        var tiles = Period.Tiling(D("2019-12-27"), D("2021-02-10")).Select(p => p.Key);

        Assert.Equal(["D2019-12-27", "D2019-12-28", "D2019-12-29", "D2019-12-30", "D2019-12-31", "Y2020", "M2021-01", "W2021-W05", "D2021-02-08", "D2021-02-09", "D2021-02-10"], tiles);
    }

    [Fact]
    public void TheTilesCoverThePeriodExactlyOnce()
    {
        var random = new Random(12);
        for (var i = 0; i < 500; i++)
        {
            var from = D("2018-01-01").AddDays(random.Next(0, 2500));
            var to = from.AddDays(random.Next(0, 1200));
            var days = Period.Tiling(from, to).SelectMany(p => Enumerable.Range(0, p.Last.DayNumber - p.First.DayNumber + 1).Select(p.First.AddDays)).ToList();

            Assert.Equal(Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays), days);
        }
    }
}
