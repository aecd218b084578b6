using Wijkwacht.Bookings;

namespace Wijkwacht.Tests.Bookings;

/// <summary>The times an officer can be booked at, by the rules alone: a plain unit test on the Brussels clock.</summary>
public sealed class SlotRulesTests
{
    private static readonly OfficerDirectory Directory = OfficerDirectory.Load(Path.Combine(AppContext.BaseDirectory, "Data", "officers.json"));
    private static readonly SlotRules Rules = new(new BookingOptions());

    private static List<Slot> Slots(string officerId, AppointmentType type, DateOnly day, DateTimeOffset now)
    {
        var officer = Directory.Find(officerId)!;
        return [.. Rules.Candidates(officer, Directory.OfficeOf(officer), type, day, now)];
    }

    [Fact]
    public void AcrossTheSpringClockChangeOfficeHoursStayOnTheWallClock()
    {
        var now = new DateTimeOffset(2027, 3, 26, 8, 0, 0, TimeSpan.FromHours(1)); // Friday before the change

        var friday = Slots("officer-marc", AppointmentType.Office, new DateOnly(2027, 3, 26), now);
        var tuesday = Slots("officer-marc", AppointmentType.Office, new DateOnly(2027, 3, 30), now);

        Assert.Equal(new DateTimeOffset(2027, 3, 30, 9, 0, 0, TimeSpan.FromHours(2)), tuesday[0].Start);
        Assert.Equal(TimeSpan.FromHours(7), tuesday[0].Start.UtcDateTime.TimeOfDay);
        Assert.Equal(TimeSpan.FromHours(1), friday[0].Start.Offset);
        Assert.Empty(Slots("officer-marc", AppointmentType.Office, new DateOnly(2027, 3, 29), now)); // Easter Monday
    }

    [Fact]
    public void AcrossTheAutumnClockChangeTheOffsetFollows()
    {
        var now = new DateTimeOffset(2026, 10, 22, 8, 0, 0, TimeSpan.FromHours(2));

        var before = Slots("officer-marc", AppointmentType.Phone, new DateOnly(2026, 10, 23), now);
        var after = Slots("officer-marc", AppointmentType.Phone, new DateOnly(2026, 10, 26), now);

        Assert.Equal(new DateTimeOffset(2026, 10, 23, 8, 0, 0, TimeSpan.FromHours(2)), before[0].Start);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.FromHours(1)), after[0].Start);
    }

    [Fact]
    public void HolidaysAbsencesClosingDaysTheHorizonAndTheNoticeCloseTimes()
    {
        var now = new DateTimeOffset(2026, 12, 21, 10, 0, 0, TimeSpan.FromHours(1));

        Assert.Empty(Slots("officer-marc", AppointmentType.Phone, new DateOnly(2026, 12, 25), now)); // Christmas
        Assert.Empty(Slots("officer-marc", AppointmentType.Office, new DateOnly(2026, 12, 24), now)); // the office is closed...
        Assert.NotEmpty(Slots("officer-marc", AppointmentType.Phone, new DateOnly(2026, 12, 24), now)); // ...but he can call
        Assert.Empty(Slots("officer-marc", AppointmentType.Office, new DateOnly(2026, 12, 26), now)); // Saturday
        Assert.Empty(Slots("officer-sofie", AppointmentType.Phone, new DateOnly(2027, 2, 17), now.AddDays(40))); // absent that week
        Assert.Empty(Slots("officer-marc", AppointmentType.Phone, new DateOnly(2027, 1, 21), now)); // 31 days ahead: past the horizon
        Assert.NotEmpty(Slots("officer-marc", AppointmentType.Phone, new DateOnly(2027, 1, 20), now));
        Assert.Equal(new DateTimeOffset(2026, 12, 21, 12, 0, 0, TimeSpan.FromHours(1)), Slots("officer-marc", AppointmentType.Phone, new DateOnly(2026, 12, 21), now)[0].Start);
    }

    [Fact]
    public void AHomeVisitLeavesTravelTimeInsideTheWorkingDayAndHoldsItBothSides()
    {
        var now = new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.FromHours(1));

        var slots = Slots("officer-marc", AppointmentType.Home, new DateOnly(2026, 12, 8), now);

        Assert.Equal(new DateTimeOffset(2026, 12, 8, 8, 30, 0, TimeSpan.FromHours(1)), slots[0].Start); // 08:00 + 20 min travel, on the quarter
        Assert.True(slots[^1].End.AddMinutes(20) <= new DateTimeOffset(2026, 12, 8, 16, 30, 0, TimeSpan.FromHours(1)));
        var (from, to) = Rules.Claim(AppointmentType.Home, slots[0]);
        Assert.Equal(slots[0].Start.AddMinutes(-20), from);
        Assert.Equal(slots[0].End.AddMinutes(30), to);
        Assert.Equal(19, Rules.Cells(AppointmentType.Home, slots[0]).Count); // 95 minutes in five-minute cells
    }
}
