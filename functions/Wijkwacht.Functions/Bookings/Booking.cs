using Wijkwacht.Problems;

namespace Wijkwacht.Bookings;

internal enum BookingStatus
{
    Booked,
    Cancelled,
    Done,
    NoShow,
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

    /// <summary>From when the retention period runs: the end of the appointment, or when it was cancelled or closed.</summary>
    public DateTimeOffset RetentionFrom => Status == BookingStatus.Booked ? End : ClosedAt ?? End;

    public IReadOnlyList<string> AllowedActions(DateTimeOffset now) => IsOpen(now) ? ["reschedule", "cancel"] : [];

    public Booking Reschedule(Slot slot, DateTimeOffset now)
    {
        EnsureOpen(now, "moved");
        return this with { Start = slot.Start, End = slot.End, Sequence = Sequence + 1 };
    }

    /// <summary>Cancels; cancelling a cancelled booking changes nothing.</summary>
    public Booking Cancel(string? reason, DateTimeOffset now)
    {
        if (Status == BookingStatus.Cancelled)
        {
            return this;
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
