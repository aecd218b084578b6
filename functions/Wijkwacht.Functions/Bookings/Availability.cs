using Wijkwacht.Calendar;

namespace Wijkwacht.Bookings;

/// <summary>
/// The free times of an officer: the rules' candidates, less the time other bookings hold, full days, and what
/// the officer's own calendar says is busy.
/// </summary>
internal sealed class Availability(SlotRules rules, BookingStore store, IOfficerCalendar calendar, OfficerDirectory officers, TimeProvider time, ILogger<Availability> logger)
{
    public async Task<IReadOnlyList<Slot>> FreeAsync(Officer officer, AppointmentType type, DateOnly from, DateOnly to, Booking? moving, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var office = officers.OfficeOf(officer);
        var candidates = new List<Slot>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            candidates.AddRange(rules.Candidates(officer, office, type, day, now));
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        var claims = candidates.Select(slot => rules.Claim(type, slot)).ToList();
        var (rangeFrom, rangeTo) = (claims.Min(c => c.From), claims.Max(c => c.To));
        var occupancy = await store.OccupancyAsync(officer.Id, rangeFrom, rangeTo, cancellationToken);
        // Our own appointments are on that calendar too, but inside the time their bookings hold, which the
        // occupancy already refuses; only the event of the booking being moved must not stand in its own way.
        var busy = (await BusyAsync(officer, rangeFrom, rangeTo, cancellationToken))
            .Where(b => moving is null || b.Start != moving.Start || b.End != moving.End)
            .ToList();
        var movingDay = moving is null ? (DateOnly?)null : BookingStore.LocalDay(moving.Start);

        return [.. candidates.Where((slot, i) =>
            occupancy.IsFree(rules.Cells(type, slot), moving?.Id)
            && (BookingStore.LocalDay(slot.Start) == movingDay || occupancy.BookingsOn(BookingStore.LocalDay(slot.Start)) < rules.Options.DailyMaximum)
            && !busy.Any(b => SlotRules.Overlaps(claims[i].From, claims[i].To, b)))];
    }

    /// <summary>
    /// What the officer's calendar says. A calendar that cannot be read is never taken as a free day: the citizen
    /// is asked to try again in a moment (Graph has throttled us past its retries, or is down).
    /// </summary>
    private async Task<IReadOnlyList<BusyTime>> BusyAsync(Officer officer, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        try
        {
            return await calendar.GetBusyAsync(officer.Mailbox, from, to, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The calendar of officer {OfficerId} could not be read.", officer.Id);
            throw new Problems.DependencyUnavailableException(Problems.Dependencies.Calendar, e);
        }
    }

    /// <summary>Whether <paramref name="start"/> is a time the rules allow at all, taken or not.</summary>
    public Slot? Candidate(Officer officer, AppointmentType type, DateTimeOffset start) =>
        rules.Candidates(officer, officers.OfficeOf(officer), type, BookingStore.LocalDay(start), time.GetUtcNow()).FirstOrDefault(s => s.Start == start);

    /// <summary>Other times to offer when the one asked for is gone: the next few from that day on.</summary>
    public async Task<IReadOnlyList<Slot>> AlternativesAsync(Officer officer, AppointmentType type, DateTimeOffset after, Booking? moving, CancellationToken cancellationToken)
    {
        var day = BookingStore.LocalDay(after);
        var free = await FreeAsync(officer, type, day, day.AddDays(13), moving, cancellationToken);
        return [.. free.Where(s => s.Start != after).Take(5)];
    }
}
