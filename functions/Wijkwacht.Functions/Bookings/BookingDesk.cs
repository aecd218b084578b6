using System.Security.Cryptography;
using System.Text;
using Wijkwacht.Audit;
using Microsoft.Extensions.Options;
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
    /// <summary>The e-mail address or phone number has as many appointments to come as it may have.</summary>
    TooManyActive,
    /// <summary>The address got as many confirmation requests today as it may get.</summary>
    TooManyMails,
    /// <summary>The appointment was moved as often as it may be.</summary>
    RescheduleLimit,
    /// <summary>Confirming: the code is not the one mailed.</summary>
    WrongCode,
}

internal sealed record BookingResult(BookingAttempt Attempt, Booking? Booking, IReadOnlyList<Slot> Alternatives)
{
    public static BookingResult NotASlot { get; } = new(BookingAttempt.NotASlot, null, []);

    public static BookingResult Refused(BookingAttempt attempt) => new(attempt, null, []);
}

/// <summary>
/// Takes, confirms, moves, cancels and closes bookings. A new booking is a hold: its time is claimed, and it
/// becomes an appointment once the citizen confirms it with the code mailed to them (proving the address is
/// theirs); otherwise it expires and frees its time. Each change is one transaction on the officer's partition;
/// what follows from it (the calendar event, the e-mails) is done by <see cref="BookingSync"/>, once right away
/// and again from a follow-up step armed before the change, so a crash in between loses nothing.
/// </summary>
internal sealed class BookingDesk(
    BookingStore store,
    Availability availability,
    OfficerDirectory officers,
    FollowUpSchedule schedule,
    BookingSync sync,
    AuditTrail audit,
    IOptions<BookingOptions> options,
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

        var rules = options.Value;
        var now = time.GetUtcNow();
        var (byEmail, byPhone) = await store.ActiveForContactAsync(citizen.Email, citizen.Phone, cancellationToken);
        if (byEmail >= rules.MaxActiveBookingsPerContact || byPhone >= rules.MaxActiveBookingsPerContact)
        {
            return BookingResult.Refused(BookingAttempt.TooManyActive);
        }

        if (citizen.Email is { } email && await store.ConfirmationMailsAsync(email, BookingStore.LocalDay(now), cancellationToken) >= rules.MaxConfirmationMailsPerDay)
        {
            return BookingResult.Refused(BookingAttempt.TooManyMails);
        }

        var booking = new Booking(id, officer.Id, type, slot.Start, slot.End, citizen, now)
        {
            Status = BookingStatus.Held,
            HoldUntil = now + rules.HoldFor,
            ConfirmationCode = NewCode(),
        };
        // The officer's calendar and the other bookings are read once; a lost race for the day's count is retried
        // on storage alone, where the transaction itself refuses any time another booking took meanwhile.
        var day = BookingStore.LocalDay(start);
        if (!(await availability.FreeAsync(officer, type, day, day, null, cancellationToken)).Contains(slot))
        {
            return await TakenUnlessOursAsync(booking, idempotencyKey, cancellationToken);
        }

        await ReleaseLapsedHoldsAsync(officer.Id, day, cancellationToken);
        await ArmSyncAsync(booking, cancellationToken);
        await schedule.ArmAsync(BookingStepKinds.HoldExpiry, id.ToString(), 0, booking.HoldUntil!.Value, cancellationToken);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            switch (await store.CreateAsync(booking, cancellationToken))
            {
                case ClaimOutcome.Done:
                    await audit.RecordAsync(AuditEntity.Booking, id.ToString(), "held", Citizens, Facts(booking), cancellationToken);
                    if (citizen.Email is { } address)
                    {
                        await store.CountConfirmationMailAsync(address, BookingStore.LocalDay(now), cancellationToken);
                    }

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

    /// <summary>
    /// Confirms a hold with the code from the mail. A wrong code counts; after a few the hold is released, so
    /// the six digits cannot be guessed. Confirming a confirmed booking again answers it as it is.
    /// </summary>
    public async Task<BookingResult> ConfirmAsync(Guid id, string code, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stored = (await store.GetAsync(id, cancellationToken))!;
            var booking = stored.Booking;
            var now = time.GetUtcNow();
            if (booking.Status == BookingStatus.Booked && booking.ConfirmedAt is not null)
            {
                return new BookingResult(BookingAttempt.Repeated, booking, []);
            }

            if (booking.Status == BookingStatus.Held && !booking.IsLapsed(now) && !CodeMatches(booking.ConfirmationCode, code))
            {
                var counted = booking.WrongCode(options.Value.MaxConfirmationAttempts, now);
                if (counted.Status == BookingStatus.Expired)
                {
                    await store.ForgetContactAsync(booking.Citizen, id, cancellationToken);
                }

                if (await store.ReplaceAsync(stored, counted, cancellationToken) == ClaimOutcome.Done)
                {
                    if (counted.Status == BookingStatus.Expired)
                    {
                        await audit.RecordAsync(AuditEntity.Booking, id.ToString(), "released-after-wrong-codes", LinkHolder, new { counted.ConfirmationAttempts }, cancellationToken);
                        throw new Problems.DomainRuleException(Problems.ErrorCodes.TooManyCodes, "Too many wrong codes.", "The time is released. Book a new appointment; the new mail has a new code.");
                    }

                    return new BookingResult(BookingAttempt.WrongCode, counted, []);
                }

                continue;
            }

            var confirmed = booking.Confirm(now); // throws when the hold lapsed or was cancelled
            await ArmSyncAsync(confirmed, cancellationToken);
            if (await store.ReplaceAsync(stored, confirmed, cancellationToken) == ClaimOutcome.Done)
            {
                await audit.RecordAsync(AuditEntity.Booking, id.ToString(), "confirmed", LinkHolder, Facts(confirmed), cancellationToken);
                await SyncNowAsync(confirmed, cancellationToken);
                return new BookingResult(BookingAttempt.Done, confirmed, []);
            }

            await BackOffAsync(attempt, cancellationToken);
        }

        throw new Problems.DomainRuleException(Problems.ErrorCodes.KeepsChanging, "The appointment keeps changing.", "Try again in a moment.");
    }

    /// <summary>The follow-up step at the end of a hold: an unconfirmed hold expires, frees its time and forgets its details.</summary>
    public async Task<string> ExpireAsync(Guid id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await store.GetAsync(id, cancellationToken) is not { } stored)
            {
                return "no such booking";
            }

            if (!stored.Booking.IsLapsed(time.GetUtcNow()))
            {
                return $"{stored.Booking.Status}: nothing to expire";
            }

            // The indexes first (repeatable), the row last: a run cut short finds the hold still there.
            await store.ForgetContactAsync(stored.Booking.Citizen, id, cancellationToken);
            if (await store.ReplaceAsync(stored, stored.Booking.Expire(time.GetUtcNow()), cancellationToken) == ClaimOutcome.Done)
            {
                await audit.RecordAsync(AuditEntity.Booking, id.ToString(), "expired", AuditActor.System, Facts(stored.Booking), cancellationToken);
                return "hold expired";
            }

            await BackOffAsync(attempt, cancellationToken);
        }

        return "hold keeps changing: the next step tries again";
    }

    /// <summary>Lapsed holds on the day go first, so a new claim does not trip over cells nobody holds any more.</summary>
    private async Task ReleaseLapsedHoldsAsync(string officerId, DateOnly day, CancellationToken cancellationToken)
    {
        foreach (var lapsed in await store.LapsedHoldsAsync(officerId, day, cancellationToken))
        {
            await ExpireAsync(lapsed, cancellationToken);
        }
    }

    public async Task<BookingResult> RescheduleAsync(Guid id, DateTimeOffset start, AuditActor actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var stored = (await store.GetAsync(id, cancellationToken))!;
            var officer = officers.Find(stored.Booking.OfficerId)
                ?? throw new Problems.DomainRuleException(Problems.ErrorCodes.OfficerGone, "The officer no longer takes appointments.", "Cancel this appointment and book a new one with your neighbourhood's officer.");
            var type = stored.Booking.Type;
            if (availability.Candidate(officer, type, start) is not { } slot)
            {
                return BookingResult.NotASlot;
            }

            if (stored.Booking.Status == BookingStatus.Booked && stored.Booking.Reschedules >= options.Value.MaxReschedules)
            {
                return BookingResult.Refused(BookingAttempt.RescheduleLimit);
            }

            var moved = stored.Booking.Reschedule(slot, time.GetUtcNow());
            var day = BookingStore.LocalDay(start);
            if (!(await availability.FreeAsync(officer, type, day, day, stored.Booking, cancellationToken)).Contains(slot))
            {
                return await TakenAsync(officer, type, start, stored.Booking, cancellationToken);
            }

            await ReleaseLapsedHoldsAsync(officer.Id, day, cancellationToken);
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

        throw new Problems.DomainRuleException(Problems.ErrorCodes.KeepsChanging, "The appointment keeps changing.", "Try again in a moment.");
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

        throw new Problems.DomainRuleException(Problems.ErrorCodes.KeepsChanging, "The appointment keeps changing.", "Try again in a moment.");
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

        throw new Problems.DomainRuleException(Problems.ErrorCodes.KeepsChanging, "The appointment keeps changing.", "Try again in a moment.");
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

    /// <summary>Six random digits: typed from a mail on a phone, and only a few tries allowed.</summary>
    private static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static bool CodeMatches(string? expected, string given) =>
        expected is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given.Trim()));

    /// <summary>The same idempotency key always names the same booking.</summary>
    private static Guid IdFor(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("booking:" + key));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // RFC 9562 version 8: custom
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
