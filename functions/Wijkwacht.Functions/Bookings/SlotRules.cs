using Wijkwacht.Calendar;
using Wijkwacht.Time;

namespace Wijkwacht.Bookings;

/// <summary>One free time an appointment can start at.</summary>
internal sealed record Slot(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// The times an officer could meet someone, on the Brussels wall clock: working hours (for office visits within
/// the office's opening hours too), no public holidays, absences or office closing days, after the minimum
/// notice and within the horizon. What is already taken is <see cref="Occupancy"/>'s business.
/// </summary>
internal sealed class SlotRules(BookingOptions options)
{
    /// <summary>Claims are made in cells of this size; every duration is a multiple of it.</summary>
    public static readonly TimeSpan Cell = TimeSpan.FromMinutes(5);

    public BookingOptions Options => options;

    public IEnumerable<Slot> Candidates(Officer officer, Office office, AppointmentType type, DateOnly day, DateTimeOffset now)
    {
        var rules = options.For(type);
        var today = BrusselsTime.Day(now);
        if (day < today || day > today.AddDays(options.HorizonDays)
            || BelgianHolidays.On(day) is not null
            || officer.Absences.Any(a => a.Covers(day))
            || (type == AppointmentType.Office && office.ClosingDays.Contains(day)))
        {
            yield break;
        }

        var windows = Ranges(officer.WorkingHours, day);
        if (type == AppointmentType.Office)
        {
            windows = Intersect(windows, Ranges(office.OpeningHours, day));
        }

        var travel = TimeSpan.FromMinutes(rules.TravelMinutes);
        var length = TimeSpan.FromMinutes(rules.Minutes);
        var step = TimeSpan.FromMinutes(options.SlotStepMinutes);
        foreach (var (from, to) in windows)
        {
            for (var start = RoundUp(from.ToTimeSpan() + travel, step); start + length + travel <= to.ToTimeSpan(); start += step)
            {
                if (ToInstant(day, start) is { } instant && instant >= now + options.MinimumNotice)
                {
                    yield return new Slot(instant, instant + length);
                }
            }
        }
    }

    /// <summary>The time a booking keeps from others: travel before, the appointment, travel and the buffer after.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Claim(AppointmentType type, Slot slot)
    {
        var rules = options.For(type);
        return (slot.Start.AddMinutes(-rules.TravelMinutes), slot.End.AddMinutes(rules.TravelMinutes + rules.BufferMinutes));
    }

    /// <summary>The claim as cells: the start of every five minutes it covers, in UTC.</summary>
    public IReadOnlyList<DateTimeOffset> Cells(AppointmentType type, Slot slot)
    {
        var (from, to) = Claim(type, slot);
        return CellsBetween(from, to);
    }

    public static IReadOnlyList<DateTimeOffset> CellsBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var cells = new List<DateTimeOffset>();
        for (var cell = from.ToUniversalTime(); cell < to; cell += Cell)
        {
            cells.Add(cell);
        }

        return cells;
    }

    public static bool Overlaps(DateTimeOffset from, DateTimeOffset to, BusyTime busy) => from < busy.End && busy.Start < to;

    private static TimeSpan RoundUp(TimeSpan time, TimeSpan step) => TimeSpan.FromTicks((time.Ticks + step.Ticks - 1) / step.Ticks * step.Ticks);

    private static List<(TimeOnly From, TimeOnly To)> Ranges(Dictionary<DayOfWeek, IReadOnlyList<TimeRange>> week, DateOnly day) =>
        week.TryGetValue(day.DayOfWeek, out var ranges) ? [.. ranges.Select(r => (r.Start, r.End))] : [];

    private static List<(TimeOnly From, TimeOnly To)> Intersect(List<(TimeOnly From, TimeOnly To)> a, List<(TimeOnly From, TimeOnly To)> b) =>
        [.. from x in a from y in b
            let start = x.From > y.From ? x.From : y.From
            let end = x.To < y.To ? x.To : y.To
            where start < end
            select (start, end)];

    /// <summary>
    /// A Brussels wall-clock time as an instant; null for a time the spring clock change skips or the autumn one
    /// repeats (02:00–03:00 on those Sundays, never office hours), which no appointment should start at.
    /// </summary>
    private static DateTimeOffset? ToInstant(DateOnly day, TimeSpan time)
    {
        return BrusselsTime.Instant(day.ToDateTime(TimeOnly.MinValue) + time);
    }
}
