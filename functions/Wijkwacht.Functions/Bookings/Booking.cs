using Wijkwacht.Problems;

namespace Wijkwacht.Bookings;

internal enum BookingStatus
{
    /// <summary>Asked for, its time claimed, waiting for the citizen to prove the e-mail address (until <see cref="Booking.HoldUntil"/>).</summary>
    Held,
    /// <summary>Confirmed: on the officer's calendar.</summary>
    Booked,
    Cancelled,
    Done,
    NoShow,
    /// <summary>A hold that was never confirmed: its time is free again and the details it held are gone.</summary>
    Expired,
}

/// <summary>What the officer records after an appointment.</summary>
internal enum BookingOutcome
{
    Done,
    NoShow,
}

/// <summary>Who asked for the appointment and about what: the personal data the retention job erases.</summary>
internal sealed record Citizen(string? Name, string? Email, string? Phone, string Language, string? Subject, string? Address)
{
    public static readonly Citizen Erased = new(null, null, null, "nl", null, null);
}

/// <summary>
/// An appointment with a neighbourhood officer. Every change the citizen sees (a new time, a cancellation, the
/// erasure of their data) raises <see cref="Sequence"/>, which the calendar event and the iCalendar file follow.
/// </summary>
internal sealed record Booking(
    Guid Id,
    string OfficerId,
    AppointmentType Type,
    DateTimeOffset Start,
    DateTimeOffset End,
    Citizen Citizen,
    DateTimeOffset CreatedAt)
{
    public BookingStatus Status { get; init; } = BookingStatus.Booked;

    /// <summary>Until when an unconfirmed booking keeps its time; null once confirmed.</summary>
    public DateTimeOffset? HoldUntil { get; init; }

    /// <summary>
    /// The code mailed to the citizen to confirm the hold. Kept in the row (not hashed) because the mail may be
    /// sent again by the retry step; it only confirms this one hold, for minutes, and is cleared once used.
    /// </summary>
    public string? ConfirmationCode { get; init; }

    /// <summary>Wrong codes tried so far: a few, then the hold is released.</summary>
    public int ConfirmationAttempts { get; init; }

    /// <summary>When the citizen proved the address; from then on the officer's calendar shows the appointment.</summary>
    public DateTimeOffset? ConfirmedAt { get; init; }

    /// <summary>How often the citizen moved the appointment: each move mails and rewrites the officer's calendar, so it is capped.</summary>
    public int Reschedules { get; init; }

    public int Sequence { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? CancelReason { get; init; }

    public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>The time the booking keeps from others, as claimed (travel and buffer included), so that it is
    /// freed exactly even after the appointment rules changed.</summary>
    public DateTimeOffset? HeldFrom { get; init; }

    public DateTimeOffset? HeldTo { get; init; }

    /// <summary>The officer's calendar event, and the sequence it shows.</summary>
    public string? EventId { get; init; }

    public int EventSequence { get; init; } = -1;

    public bool IsOpen(DateTimeOffset now) => Status == BookingStatus.Booked && Start > now;

    /// <summary>A hold whose time is up: others may take its time even before the expiry step has run.</summary>
    public bool IsLapsed(DateTimeOffset now) => Status == BookingStatus.Held && HoldUntil <= now;

    /// <summary>Whether the booking still takes one of the citizen's places (a confirmed future appointment, or a live hold).</summary>
    public bool IsActive(DateTimeOffset now) => IsOpen(now) || (Status == BookingStatus.Held && !IsLapsed(now));

    /// <summary>From when the retention period runs: the end of the appointment, or when it was cancelled or closed.</summary>
    public DateTimeOffset RetentionFrom => Status is BookingStatus.Booked or BookingStatus.Held ? End : ClosedAt ?? End;

    public IReadOnlyList<string> AllowedActions(DateTimeOffset now, int maxReschedules = int.MaxValue) =>
        Status == BookingStatus.Held && !IsLapsed(now) ? ["confirm", "cancel"]
        : IsOpen(now) ? Reschedules < maxReschedules ? ["reschedule", "cancel"] : ["cancel"]
        : [];

    /// <summary>The citizen proved the address: the appointment is booked. Confirming again changes nothing.</summary>
    public Booking Confirm(DateTimeOffset now)
    {
        if (Status == BookingStatus.Booked && ConfirmedAt is not null)
        {
            return this;
        }

        if (Status != BookingStatus.Held || IsLapsed(now))
        {
            throw new DomainRuleException(ErrorCodes.HoldExpired, "This booking can no longer be confirmed.", "It was not confirmed in time, or it was cancelled. Book a new appointment.");
        }

        return this with { Status = BookingStatus.Booked, HoldUntil = null, ConfirmationCode = null, ConfirmationAttempts = 0, ConfirmedAt = now };
    }

    /// <summary>A wrong code: counted, and the hold released once there were too many.</summary>
    public Booking WrongCode(int maxAttempts, DateTimeOffset now) =>
        ConfirmationAttempts + 1 >= maxAttempts ? Expire(now) with { ConfirmationAttempts = ConfirmationAttempts + 1 } : this with { ConfirmationAttempts = ConfirmationAttempts + 1 };

    /// <summary>
    /// An unconfirmed hold ends: its time is freed and the details it held are forgotten at once, as nobody
    /// proved they were theirs. What remains (officer, type, time) counts in the statistics as expired.
    /// </summary>
    public Booking Expire(DateTimeOffset now) => Status != BookingStatus.Held
        ? this
        : this with
        {
            Status = BookingStatus.Expired, ClosedAt = now, HoldUntil = null, ConfirmationCode = null,
            Citizen = Citizen.Erased with { Language = Citizen.Language }, ErasedAt = now,
        };

    public Booking Reschedule(Slot slot, DateTimeOffset now)
    {
        EnsureOpen(now, "moved");
        return this with { Start = slot.Start, End = slot.End, Sequence = Sequence + 1, Reschedules = Reschedules + 1 };
    }

    /// <summary>Cancels; cancelling a cancelled booking changes nothing.</summary>
    public Booking Cancel(string? reason, DateTimeOffset now)
    {
        if (Status == BookingStatus.Cancelled)
        {
            return this;
        }

        if (Status == BookingStatus.Held && !IsLapsed(now))
        {
            return this with { Status = BookingStatus.Cancelled, CancelReason = reason, ClosedAt = now, HoldUntil = null, ConfirmationCode = null, Sequence = Sequence + 1 };
        }

        EnsureOpen(now, "cancelled");
        return this with { Status = BookingStatus.Cancelled, CancelReason = reason, ClosedAt = now, Sequence = Sequence + 1 };
    }

    public Booking Record(BookingOutcome outcome, DateTimeOffset now)
    {
        if (Status != BookingStatus.Booked || now < Start)
        {
            throw new DomainRuleException(ErrorCodes.AppointmentNotYet, "Not yet.", Status == BookingStatus.Booked
                ? "An appointment can be marked done or missed once it has started."
                : $"This appointment is {Status.ToString().ToLowerInvariant()}.");
        }

        return this with { Status = outcome == BookingOutcome.Done ? BookingStatus.Done : BookingStatus.NoShow, ClosedAt = now > End ? now : End };
    }

    /// <summary>Forgets who the citizen was; what kind of appointment it was, with whom and when stays for the statistics.</summary>
    public Booking Erase(DateTimeOffset now) =>
        this with { Citizen = Citizen.Erased with { Language = Citizen.Language }, CancelReason = null, ErasedAt = now, Sequence = Sequence + 1 };

    private void EnsureOpen(DateTimeOffset now, string verb)
    {
        if (Status != BookingStatus.Booked)
        {
            throw new DomainRuleException(ErrorCodes.AppointmentClosed, "Appointment closed.", $"A {Status.ToString().ToLowerInvariant()} appointment cannot be {verb}.");
        }

        if (Start <= now)
        {
            throw new DomainRuleException(ErrorCodes.AppointmentStarted, "Appointment started.", $"An appointment that has started cannot be {verb}.");
        }
    }
}
