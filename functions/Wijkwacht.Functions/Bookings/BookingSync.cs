using Microsoft.Extensions.Options;
using Wijkwacht.Calendar;
using Wijkwacht.Mail;
using Wijkwacht.Scheduling;

namespace Wijkwacht.Bookings;

/// <summary>The kinds of scheduled step a booking arms.</summary>
internal static class BookingStepKinds
{
    public const string Sync = "booking-sync";
    public const string Reminder = "booking-reminder";
}

/// <summary>
/// Brings what others see in line with the stored booking: the officer's calendar event (created with the
/// booking's id as transaction id, updated to the booking's sequence, removed on cancellation), the citizen's
/// mail for the current state, and the reminder step. Safe to run any number of times.
/// </summary>
internal sealed class BookingSync(
    BookingStore store,
    OfficerDirectory officers,
    IOfficerCalendar calendar,
    IMailSender mail,
    BookingMails mails,
    FollowUpSchedule schedule,
    IOptions<BookingOptions> options,
    TimeProvider time)
{
    public async Task<string> RunAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } stored)
        {
            return "no such booking";
        }

        var booking = stored.Booking;
        if (officers.Find(booking.OfficerId) is not { } officer)
        {
            return "its officer is no longer in the directory";
        }

        if (booking.EventSequence < booking.Sequence || booking.EventId is null)
        {
            var eventId = booking.EventId;
            var content = mails.CalendarEvent(booking);
            // Without a recorded event id an earlier run may still have made the event (and lost its answer):
            // creating again with the same transaction id finds it, and it is then brought up to date or removed.
            if (eventId is null && (booking.Status != BookingStatus.Cancelled || booking.Sequence > 0))
            {
                eventId = await calendar.CreateEventAsync(officer.Mailbox, content, cancellationToken);
                if (booking.Sequence > 0 && booking.Status != BookingStatus.Cancelled)
                {
                    await calendar.UpdateEventAsync(officer.Mailbox, eventId, content, cancellationToken);
                }
            }
            else if (eventId is not null && booking.Status != BookingStatus.Cancelled)
            {
                await calendar.UpdateEventAsync(officer.Mailbox, eventId, content, cancellationToken);
            }

            if (eventId is not null && booking.Status == BookingStatus.Cancelled)
            {
                await calendar.DeleteEventAsync(officer.Mailbox, eventId, cancellationToken);
            }

            // A change made meanwhile armed its own sync, which will finish the job.
            await store.UpdateAsync(stored, booking with { EventId = eventId, EventSequence = booking.Sequence }, cancellationToken);
        }

        if (mails.ForState(booking) is { } message)
        {
            await mail.SendAsync(message, cancellationToken);
        }

        var remindAt = booking.Start - options.Value.ReminderBefore;
        if (booking.Status == BookingStatus.Booked && remindAt > time.GetUtcNow())
        {
            await schedule.ArmAsync(BookingStepKinds.Reminder, booking.Id.ToString(), booking.Sequence, remindAt, cancellationToken);
        }

        return $"{booking.Status} at sequence {booking.Sequence} in sync";
    }

    /// <summary>The reminder the day before, for the booking as it was when the step was armed.</summary>
    public async Task<string> RemindAsync(Guid id, int sequence, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } stored
            || stored.Booking.Sequence != sequence
            || stored.Booking.Start <= time.GetUtcNow()
            || mails.Reminder(stored.Booking) is not { } message)
        {
            return "no reminder due";
        }

        return await mail.SendAsync(message, cancellationToken) ? "reminder sent" : "reminder sent before";
    }
}
