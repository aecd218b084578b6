namespace Wijkwacht.Calendar;

/// <summary>A stretch of time in which an officer is not free, as their calendar says.</summary>
internal sealed record BusyTime(DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// An appointment as it stands on the officer's calendar. <paramref name="TransactionId"/> is stable per booking,
/// so creating the same appointment again never makes a second event.
/// </summary>
internal sealed record CalendarEvent(
    string TransactionId,
    string Subject,
    string Body,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? Location);

/// <summary>
/// The officers' calendars: Microsoft Graph (their Outlook calendars) in Azure, a table locally and in tests.
/// A mailbox is the officer's e-mail address / user principal name.
/// </summary>
internal interface IOfficerCalendar
{
    /// <summary>Busy, tentative and out-of-office times between <paramref name="from"/> and <paramref name="to"/>.</summary>
    Task<IReadOnlyList<BusyTime>> GetBusyAsync(string mailbox, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <returns>The event's id on the calendar; the same id again for a repeated create of the same transaction id.</returns>
    Task<string> CreateEventAsync(string mailbox, CalendarEvent appointment, CancellationToken cancellationToken);

    Task UpdateEventAsync(string mailbox, string eventId, CalendarEvent appointment, CancellationToken cancellationToken);

    /// <summary>Removes the event; an event that is already gone is not an error.</summary>
    Task DeleteEventAsync(string mailbox, string eventId, CancellationToken cancellationToken);
}
