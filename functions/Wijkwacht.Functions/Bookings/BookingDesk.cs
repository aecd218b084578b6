using System.Security.Cryptography;
using System.Text;
using Wijkwacht.Audit;
using Wijkwacht.Scheduling;

namespace Wijkwacht.Bookings;

internal enum BookingAttempt
{
    Done,
    /// <summary>The same request (idempotency key) was answered before: here is that booking.</summary>
    Repeated,
    /// <summary>The time is not one the officer can be booked at.</summary>
    NotASlot,
    /// <summary>The time is gone; alternatives are offered.</summary>
    Taken,
    /// <summary>The idempotency key answered another request before (or a booking whose details are erased).</summary>
    KeyReused,
}

internal sealed record BookingResult(BookingAttempt Attempt, Booking? Booking, IReadOnlyList<Slot> Alternatives)
{
    public static BookingResult NotASlot { get; } = new(BookingAttempt.NotASlot, null, []);
}

/// <summary>
/// Takes, moves, cancels and closes bookings. Each change is one transaction on the officer's partition; what
/// follows from it (the calendar event, the e-mails) is done by <see cref="BookingSync"/>, once right away and
/// again from a follow-up step armed before the change, so a crash in between loses nothing.
/// </summary>
internal sealed class BookingDesk(
    BookingStore store,
    Availability availability,
    OfficerDirectory officers,
    FollowUpSchedule schedule,
    BookingSync sync,
    AuditTrail audit,
    TimeProvider time,
    ILogger<BookingDesk> logger)
{
    // A change that loses a race for the officer's day (its count row) is tried again: many citizens booking
    // the same busy day at once each get their turn, after a short random wait that spreads them out.
    private const int Attempts = 20;

    public async Task<BookingResult> BookAsync(Officer officer, AppointmentType type, DateTimeOffset start, Citizen citizen, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var id = idempotencyKey is null ? Guid.NewGuid() : IdFor(idempotencyKey);
        if (idempotencyKey is not null && await store.GetAsync(id, cancellationToken) is { } earlier)
        {
            return Replayed(earlier.Booking, officer, type, citizen);
        }

        if (availability.Candidate(officer, type, start) is not { } slot)
        {
            return BookingResult.NotASlot;
        }

        var booking = new Booking(id, officer.Id, type, slot.Start, slot.End, citizen, time.GetUtcNow());
        // The officer's calendar and the other bookings are read once; a lost race for the day's count is retried
        // on storage alone, where the transaction itself refuses any time another booking took meanwhile.
        if (!(await availability.FreeAsync(officer, type, BookingStore.LocalDay(start), BookingStore.LocalDay(start), null, cancellationToken)).Contains(slot))
        {
            return await TakenUnlessOursAsync(booking, idempotencyKey, cancellationToken);
        }

        await ArmSyncAsync(booking, cancellationToken);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            switch (await store.CreateAsync(booking, cancellationToken))
            {
                case ClaimOutcome.Done:
                    await audit.RecordAsync(AuditEntity.Booking, id.ToString(), "created", Citizens, Facts(booking), cancellationToken);
                    await SyncNowAsync(booking, cancellationToken);
                    return new BookingResult(BookingAttempt.Done, booking, []);
                case ClaimOutcome.Exists:
                    return Replayed((await store.GetAsync(officer.Id, id, cancellationToken))!.Booking, officer, type, citizen);
                case ClaimOutcome.Taken or ClaimOutcome.DayFull:
                    return await TakenUnlessOursAsync(booking, idempotencyKey, cancellationToken);
            }

            await BackOffAsync(attempt, cancellationToken);
        }

        return await TakenUnlessOursAsync(booking, idempotencyKey, cancellationToken);
    }

    /// <summary>
    /// The answer to a repeated request: the booking it made, if it is the same request and the booking still
    /// holds the citizen's details; a key used for something else opens nothing.
    /// </summary>
    private static BookingResult Replayed(Booking earlier, Officer officer, AppointmentType type, Citizen citizen) =>
        earlier.ErasedAt is null && earlier.OfficerId == officer.Id && earlier.Type == type
            && earlier.Citizen.Name == citizen.Name && earlier.Citizen.Email == citizen.Email && earlier.Citizen.Phone == citizen.Phone
            ? new BookingResult(BookingAttempt.Repeated, earlier, [])
            : new BookingResult(BookingAttempt.KeyReused, null, []);

    /// <summary>A retry can find its own first try just committed: that is its booking, not someone else's.</summary>
    private async Task<BookingResult> TakenUnlessOursAsync(Booking booking, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && await store.GetAsync(booking.OfficerId, booking.Id, cancellationToken) is { } ours)
        {
            return Replayed(ours.Booking, officers.Find(booking.OfficerId)!, booking.Type, booking.Citizen);
        }

        return await TakenAsync(officers.Find(booking.OfficerId)!, booking.Type, booking.Start, null, cancellationToken);
    }

    public async Task<BookingResult> RescheduleAsync(Guid id, DateTimeOffset start, AuditActor actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stored = (await store.GetAsync(id, cancellationToken))!;
            var officer = officers.Find(stored.Booking.OfficerId)
                ?? throw new Problems.DomainRuleException("The officer no longer takes appointments.", "Cancel this appointment and book a new one with your neighbourhood's officer.");
            var type = stored.Booking.Type;
            if (availability.Candidate(officer, type, start) is not { } slot)
            {
                return BookingResult.NotASlot;
            }

            var moved = stored.Booking.Reschedule(slot, time.GetUtcNow());
            var day = BookingStore.LocalDay(start);
            if (!(await availability.FreeAsync(officer, type, day, day, stored.Booking, cancellationToken)).Contains(slot))
            {
                return await TakenAsync(officer, type, start, stored.Booking, cancellationToken);
            }

            await ArmSyncAsync(moved, cancellationToken);
            switch (await store.ReplaceAsync(stored, moved, cancellationToken))
            {
                case ClaimOutcome.Done:
                    await audit.RecordAsync(AuditEntity.Booking, id.ToString(), "rescheduled", actor, new { from = stored.Booking.Start, to = moved.Start, moved.Sequence }, cancellationToken);
                    await SyncNowAsync(moved, cancellationToken);
                    return new BookingResult(BookingAttempt.Done, moved, []);
                case ClaimOutcome.Taken or ClaimOutcome.DayFull:
                    return await TakenAsync(officer, type, start, stored.Booking, cancellationToken);
            }

            await BackOffAsync(attempt, cancellationToken);
        }

        throw new Problems.DomainRuleException("The appointment keeps changing.", "Try again in a moment.");
    }

    public async Task<Booking> CancelAsync(Guid id, string? reason, AuditActor actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stored = (await store.GetAsync(id, cancellationToken))!;
            var cancelled = stored.Booking.Cancel(reason, time.GetUtcNow());
            if (cancelled == stored.Booking)
            {
                return cancelled;
            }

            await ArmSyncAsync(cancelled, cancellationToken);
            if (await store.ReplaceAsync(stored, cancelled, cancellationToken) == ClaimOutcome.Done)
            {
                await audit.RecordAsync(AuditEntity.Booking, id.ToString(), "cancelled", actor, new { cancelled.Sequence }, cancellationToken);
                await SyncNowAsync(cancelled, cancellationToken);
                return cancelled;
            }

            await BackOffAsync(attempt, cancellationToken);
        }

        throw new Problems.DomainRuleException("The appointment keeps changing.", "Try again in a moment.");
    }

    public async Task<Booking> RecordOutcomeAsync(StoredBooking stored, BookingOutcome outcome, AuditActor actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var closed = stored.Booking.Record(outcome, time.GetUtcNow());
            if (await store.UpdateAsync(stored, closed, cancellationToken))
            {
                await audit.RecordAsync(AuditEntity.Booking, closed.Id.ToString(), "outcome", actor, new { closed.Status }, cancellationToken);
                return closed;
            }

            stored = (await store.GetAsync(stored.Booking.OfficerId, stored.Booking.Id, cancellationToken))!;
        }

        throw new Problems.DomainRuleException("The appointment keeps changing.", "Try again in a moment.");
    }

    /// <summary>Citizens act without an account: through the public form, or the link to their booking.</summary>
    public static readonly AuditActor Citizens = new("citizen", "anonymous");

    public static readonly AuditActor LinkHolder = new("citizen", "signed-link");

    // The audit trail outlives the personal data, so it holds none: what, when, with whom.
    private static object Facts(Booking booking) => new { booking.OfficerId, booking.Type, booking.Start, booking.End };

    private async Task<BookingResult> TakenAsync(Officer officer, AppointmentType type, DateTimeOffset start, Booking? moving, CancellationToken cancellationToken) =>
        new(BookingAttempt.Taken, null, await availability.AlternativesAsync(officer, type, start, moving, cancellationToken));

    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25 * (Math.Min(attempt, 8) + 1))), cancellationToken);

    private Task ArmSyncAsync(Booking booking, CancellationToken cancellationToken) =>
        schedule.ArmAsync(BookingStepKinds.Sync, booking.Id.ToString(), booking.Sequence, time.GetUtcNow().AddMinutes(1), cancellationToken);

    private async Task SyncNowAsync(Booking booking, CancellationToken cancellationToken)
    {
        try
        {
            await sync.RunAsync(booking.Id, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The armed follow-up step tries again in a minute; the booking itself is safe.
            logger.LogWarning(e, "Calendar and mail for booking {BookingId} will be retried.", booking.Id);
        }
    }

    /// <summary>The same idempotency key always names the same booking.</summary>
    private static Guid IdFor(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("booking:" + key));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // RFC 9562 version 8: custom
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
