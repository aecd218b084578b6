using System.Globalization;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Calendar.GetSchedule;
using Microsoft.Kiota.Abstractions;

namespace Wijkwacht.Calendar;

/// <summary>
/// The officers' Outlook calendars through Microsoft Graph, as the app itself (client credentials). Needs the Graph
/// application permission <c>Calendars.ReadWrite</c>, which on its own reaches every mailbox in the tenant: limit it
/// to the officers' mailboxes with an Exchange Online application access policy (or RBAC for Applications).
/// Throttling (429) is retried by the SDK's own RetryHandler, honouring Retry-After.
/// </summary>
internal sealed class GraphOfficerCalendar(GraphServiceClient graph) : IOfficerCalendar
{
    private const string Utc = "UTC";

    public async Task<IReadOnlyList<BusyTime>> GetBusyAsync(string mailbox, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var response = await graph.Users[mailbox].Calendar.GetSchedule.PostAsGetSchedulePostResponseAsync(new GetSchedulePostRequestBody
        {
            Schedules = [mailbox],
            StartTime = ToGraph(from),
            EndTime = ToGraph(to),
            // Only availabilityView depends on the interval; the busy times are read from scheduleItems.
            AvailabilityViewInterval = 15,
        }, cancellationToken: cancellationToken);

        // Graph answers 200 even when it cannot read a calendar, with an error on that schedule instead of items;
        // reading that as "no items" would offer slots in a calendar nobody looked at.
        if (response?.Value is not [var schedule])
        {
            throw new InvalidOperationException($"Graph getSchedule for {mailbox} returned {response?.Value?.Count ?? 0} schedules instead of one.");
        }
        if (schedule.Error is { } error)
        {
            throw new InvalidOperationException($"Graph cannot read the calendar of {mailbox}: {error.ResponseCode} {error.Message}");
        }

        return [.. (schedule.ScheduleItems ?? [])
            .Where(item => item.Status is FreeBusyStatus.Busy or FreeBusyStatus.Tentative or FreeBusyStatus.Oof)
            .Select(item => new BusyTime(FromGraph(item.Start), FromGraph(item.End)))];
    }

    public async Task<string> CreateEventAsync(string mailbox, CalendarEvent appointment, CancellationToken cancellationToken)
    {
        var calendarEvent = ToGraph(appointment);
        // Graph makes no second event for a transactionId it has seen, so a retried create (ours or the SDK's
        // after a timeout) lands on the same event.
        calendarEvent.TransactionId = appointment.TransactionId;
        calendarEvent.ShowAs = FreeBusyStatus.Busy;
        if (appointment.Location is not null)
        {
            calendarEvent.Location = new Location { DisplayName = appointment.Location };
        }

        var created = await graph.Users[mailbox].Events.PostAsync(calendarEvent, cancellationToken: cancellationToken);
        return created?.Id ?? throw new InvalidOperationException($"Graph created an event for {appointment.TransactionId} without an id.");
    }

    public async Task UpdateEventAsync(string mailbox, string eventId, CalendarEvent appointment, CancellationToken cancellationToken)
    {
        var patch = ToGraph(appointment);
        // PATCH keeps what it is not sent, so a location that was dropped is overwritten with an empty one.
        patch.Location = new Location { DisplayName = appointment.Location ?? "" };
        await graph.Users[mailbox].Events[eventId].PatchAsync(patch, cancellationToken: cancellationToken);
    }

    public async Task DeleteEventAsync(string mailbox, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            await graph.Users[mailbox].Events[eventId].DeleteAsync(cancellationToken: cancellationToken);
        }
        catch (ApiException e) when (e.ResponseStatusCode == 404)
        {
            // Already gone (removed by the officer, or our earlier delete got through): what we wanted. Graph
            // sends an ODataError; its base type also covers a 404 that arrives without a body.
        }
    }

    private static Event ToGraph(CalendarEvent appointment) => new()
    {
        Subject = appointment.Subject,
        Body = new ItemBody { ContentType = BodyType.Text, Content = appointment.Body },
        Start = ToGraph(appointment.Start),
        End = ToGraph(appointment.End),
    };

    private static DateTimeTimeZone ToGraph(DateTimeOffset time) =>
        new() { DateTime = time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), TimeZone = Utc };

    // Without a Prefer: outlook.timezone header Graph answers in UTC; anything else would be misread, so it fails.
    private static DateTimeOffset FromGraph(DateTimeTimeZone? time) =>
        time is { DateTime: { } wallTime, TimeZone: Utc }
            ? new DateTimeOffset(DateTime.Parse(wallTime, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero)
            : throw new InvalidOperationException($"Graph returned a schedule time in '{time?.TimeZone}', not UTC.");
}
