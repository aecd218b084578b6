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

    public AppointmentTypeRules For(AppointmentType type) => type switch
    {
        AppointmentType.Office => Office,
        AppointmentType.Home => Home,
        _ => Phone,
    };
}
