namespace Wijkwacht.Bookings;

/// <summary>Ways to meet the neighbourhood officer.</summary>
internal enum AppointmentType
{
    Office,
    Home,
    Phone,
}

/// <summary>How long one kind of appointment takes, in whole minutes (multiples of five).</summary>
internal sealed class AppointmentTypeRules
{
    public int Minutes { get; set; }

    /// <summary>Travel before and after a home visit; it must fit in the officer's working hours too.</summary>
    public int TravelMinutes { get; set; }

    /// <summary>Free time kept after the appointment, before the next one can start.</summary>
    public int BufferMinutes { get; set; }
}

internal sealed class BookingOptions
{
    public AppointmentTypeRules Office { get; set; } = new() { Minutes = 20, BufferMinutes = 10 };

    public AppointmentTypeRules Home { get; set; } = new() { Minutes = 45, TravelMinutes = 20, BufferMinutes = 10 };

    public AppointmentTypeRules Phone { get; set; } = new() { Minutes = 15, BufferMinutes = 5 };

    /// <summary>The earliest a citizen can book: so long from now.</summary>
    public TimeSpan MinimumNotice { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The latest day a citizen can book: so many days from today.</summary>
    public int HorizonDays { get; set; } = 30;

    /// <summary>Most appointments an officer takes on one day.</summary>
    public int DailyMaximum { get; set; } = 8;

    /// <summary>Appointments start on this grid of minutes within the hour.</summary>
    public int SlotStepMinutes { get; set; } = 15;

    /// <summary>How long after the appointment the citizen's link keeps working.</summary>
    public TimeSpan LinkLifetimeAfterAppointment { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long before the appointment the reminder e-mail goes out.</summary>
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a new booking keeps its time while the citizen confirms it from the mail.</summary>
    public TimeSpan HoldFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong confirmation codes before the hold is released.</summary>
    public int MaxConfirmationAttempts { get; set; } = 5;

    /// <summary>How often the citizen may move one appointment (each move mails them and rewrites the officer's calendar).</summary>
    public int MaxReschedules { get; set; } = 3;

    /// <summary>Appointments to come (or held) that one e-mail address, and one phone number, may have at once.</summary>
    public int MaxActiveBookingsPerContact { get; set; } = 2;

    /// <summary>Confirmation requests mailed to one address per day (Brussels time).</summary>
    public int MaxConfirmationMailsPerDay { get; set; } = 3;

    public AppointmentTypeRules For(AppointmentType type) => type switch
    {
        AppointmentType.Office => Office,
        AppointmentType.Home => Home,
        _ => Phone,
    };
}
