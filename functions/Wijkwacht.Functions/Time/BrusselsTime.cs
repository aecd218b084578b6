namespace Wijkwacht.Time;

/// <summary>The municipality's wall clock (Europe/Brussels): every day and time a person reads or picks is on it.</summary>
internal static class BrusselsTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    public static DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>The Brussels day an instant falls on.</summary>
    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(ToLocal(at).DateTime);

    /// <summary>Midnight at the start of a Brussels day, as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>
    /// A Brussels wall-clock time as an instant; null for a time the spring clock change skips or the autumn one
    /// repeats (02:00–03:00 on those Sundays).
    /// </summary>
    public static DateTimeOffset? Instant(DateTime local) =>
        Zone.IsInvalidTime(local) || Zone.IsAmbiguousTime(local) ? null : new DateTimeOffset(local, Zone.GetUtcOffset(local));
}
