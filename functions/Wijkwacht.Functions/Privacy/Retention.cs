using Microsoft.Extensions.Options;
using Wijkwacht.Audit;
using Wijkwacht.Bookings;
using Wijkwacht.Identity;
using Wijkwacht.Scheduling;

namespace Wijkwacht.Privacy;

internal sealed class RetentionOptions
{
    /// <summary>Months after a booking closes (its end, or its cancellation) before the citizen's details are erased.</summary>
    public int Months { get; set; } = 12;
}

/// <summary>
/// The retention timer's work: citizens' contact details are erased once the retention period after their
/// booking closed has passed. What remains (officer, type, time, status) keeps the statistics whole; the link
/// stops working, the officer's calendar event loses the details too, and the audit trail notes the erasure.
/// </summary>
internal sealed class Retention(
    BookingStore bookings,
    SignedLinks links,
    FollowUpSchedule schedule,
    AuditTrail audit,
    IOptions<RetentionOptions> options,
    TimeProvider time)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddMonths(-options.Value.Months);
        var erased = 0;
        await foreach (var stored in bookings.NotErasedAsync(cancellationToken))
        {
            var booking = stored.Booking;
            if (booking.RetentionFrom >= cutoff)
            {
                continue;
            }

            // Everything around the row first (each step can be repeated), the row last: a run cut short in
            // between finds the booking not yet erased and does it all again.
            if (booking.Citizen.Email is { } email)
            {
                await bookings.ForgetEmailAsync(email, booking.Id, cancellationToken);
            }

            await links.RevokeAsync(LinkPurpose.BookingManagement, booking.Id.ToString(), cancellationToken);
            await schedule.ArmAsync(BookingStepKinds.Sync, booking.Id.ToString(), booking.Sequence + 1, now.AddMinutes(5), cancellationToken);
            if (!await bookings.UpdateAsync(stored, booking.Erase(now), cancellationToken))
            {
                continue; // changed meanwhile: the next run looks again
            }

            // The officer's calendar event loses the details too: now, and (armed above) once more in a few minutes.
            await schedule.ArmAsync(BookingStepKinds.Sync, booking.Id.ToString(), booking.Sequence + 1, now, cancellationToken);
            await audit.RecordAsync(AuditEntity.Booking, booking.Id.ToString(), "personal-data-erased", AuditActor.System, new { options.Value.Months }, cancellationToken);
            erased++;
        }

        return erased;
    }
}
