using System.Globalization;
using Microsoft.Extensions.Options;

namespace Wijkwacht.Time;

/// <summary>
/// The municipality's own closing days, on top of the public holidays. Kept as text and parsed strictly here,
/// because a binder-parsed date would read a Belgian "02/01/2026" as 1 February.
/// </summary>
internal sealed class WorkingDayOptions
{
    public const string Section = "WorkingDays";

    /// <summary>One-off closing days as yyyy-MM-dd: a bridge day, a replacement for a holiday on a Sunday.</summary>
    public List<string> ClosingDays { get; set; } = [];

    /// <summary>Closing days every year as MM-dd: a community holiday, the King's Feast.</summary>
    public List<string> RecurringClosingDays { get; set; } = [];

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Read within a leap year, so "02-29" is a day of the year (closed only in leap years).</summary>
    public static (int Month, int Day)? ParseMonthDay(string? text) =>
        ParseDate("2000-" + text) is { } date ? (date.Month, date.Day) : null;
}

/// <summary>
/// Working days of a Brussels municipality: Monday to Friday, except Belgian public holidays and the configured
/// closing days. Deadlines are reckoned on the office's wall clock in Europe/Brussels.
/// </summary>
internal sealed class WorkingDays
{
    /// <summary>When a clock that starts on a non-working day starts: the office's opening on the next working day.</summary>
    public static readonly TimeOnly OfficeOpens = new(9, 0);


    private readonly HashSet<DateOnly> _closingDays;
    private readonly HashSet<(int Month, int Day)> _recurringClosingDays;

    public WorkingDays(IOptions<WorkingDayOptions> options)
    {
        _closingDays = [.. options.Value.ClosingDays.Select(text => WorkingDayOptions.ParseDate(text) ?? throw Malformed(text))];
        _recurringClosingDays = [.. options.Value.RecurringClosingDays.Select(text => WorkingDayOptions.ParseMonthDay(text) ?? throw Malformed(text))];
    }

    public bool IsWorkingDay(DateOnly day) =>
        BelgianHolidays.On(day) is null
        && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !_closingDays.Contains(day)
        && !_recurringClosingDays.Contains((day.Month, day.Day));

    /// <summary>
    /// The deadline "N working days after <paramref name="start"/>", in UTC. The rule, on the Brussels wall clock:
    /// a start on a working day keeps its time of day, whatever the hour, and the deadline is that time on the
    /// Nth working day after it (forwarded Tuesday 16:00, one working day: due Wednesday 16:00). A start on a
    /// weekend, holiday or closing day counts as the next working day at <see cref="OfficeOpens"/>, when someone
    /// can first act on it (forwarded Saturday, one working day: due Tuesday 09:00, leaving all of Monday; zero
    /// working days: due Monday 09:00). So a partner always gets N whole working days.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var local = TimeZoneInfo.ConvertTime(start, BrusselsTime.Zone).DateTime;
        var day = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        if (!IsWorkingDay(day))
        {
            (day, time) = (NextWorkingDayAfter(day), OfficeOpens);
        }

        for (var i = 0; i < workingDays; i++)
        {
            day = NextWorkingDayAfter(day);
        }

        // Brussels now changes clocks on Sunday nights, so this time exists once; were it skipped, as on some
        // older changes, GetUtcOffset reads it as standard time, which moves it forward by the gap.
        var deadline = day.ToDateTime(time);
        return new DateTimeOffset(deadline, BrusselsTime.Zone.GetUtcOffset(deadline)).ToUniversalTime();
    }

    /// <summary>The working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when to is earlier.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            count += IsWorkingDay(day) ? 1 : 0;
        }

        return count;
    }

    private DateOnly NextWorkingDayAfter(DateOnly day)
    {
        do
        {
            day = day.AddDays(1);
        }
        while (!IsWorkingDay(day));

        return day;
    }

    private static FormatException Malformed(string text) => new($"\"{text}\" is not a closing day; see {WorkingDayOptions.Section} in the settings.");
}

internal static class WorkingDaysSetup
{
    public static void AddWorkingDays(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkingDayOptions>()
            .BindConfiguration(WorkingDayOptions.Section)
            .Validate(o => o.ClosingDays.All(d => WorkingDayOptions.ParseDate(d) is not null),
                "Each WorkingDays:ClosingDays entry must be a date written yyyy-MM-dd, e.g. 2026-12-26.")
            .Validate(o => o.RecurringClosingDays.All(d => WorkingDayOptions.ParseMonthDay(d) is not null),
                "Each WorkingDays:RecurringClosingDays entry must be a day of the year written MM-dd, e.g. 12-26 for 26 December.")
            .ValidateOnStart();
        builder.Services.AddSingleton<WorkingDays>();
    }
}
