using System.Globalization;
using System.Text;
using Wijkwacht.Time;

namespace Wijkwacht.Bookings;

/// <summary>What an iCalendar object is for: an invitation, its withdrawal, or a copy to keep (RFC 5546).</summary>
internal enum CalendarMethod
{
    Request,
    Cancel,
    Publish,
}

/// <summary>
/// An appointment as an RFC 5545 iCalendar object, in Europe/Brussels time with the zone's rules included.
/// The UID stays the same for the life of the booking and SEQUENCE counts its changes, so a calendar that
/// received the invitation updates or removes that same event.
/// </summary>
internal static class BookingCalendarFile
{
    public const string ContentType = "text/calendar";

    public static string Uid(Booking booking) => $"{booking.Id}@wijkwacht";

    public static string Write(Booking booking, Officer officer, Office office, string summary, string description, string? location, CalendarMethod method, DateTimeOffset now)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Wijkwacht//Bookings//NL",
            "CALSCALE:GREGORIAN",
            $"METHOD:{method.ToString().ToUpperInvariant()}",
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Brussels",
            "BEGIN:DAYLIGHT",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "TZNAME:CEST",
            "DTSTART:19700329T020000",
            "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            "END:DAYLIGHT",
            "BEGIN:STANDARD",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "TZNAME:CET",
            "DTSTART:19701025T030000",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            $"UID:{Uid(booking)}",
            $"SEQUENCE:{booking.Sequence}",
            $"DTSTAMP:{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}",
            $"DTSTART;TZID=Europe/Brussels:{Local(booking.Start)}",
            $"DTEND;TZID=Europe/Brussels:{Local(booking.End)}",
            $"SUMMARY:{Escape(summary)}",
            $"DESCRIPTION:{Escape(description)}",
        };
        if (location is not null)
        {
            lines.Add($"LOCATION:{Escape(location)}");
        }

        // RFC 5546: every method names the organizer; an invitation and its withdrawal name the attendee too.
        lines.Add($"ORGANIZER;CN={Quote(officer.Name)}:mailto:{officer.Mailbox}");
        if (method != CalendarMethod.Publish && booking.Citizen.Email is { } email)
        {
            lines.Add($"ATTENDEE;CN={Quote(booking.Citizen.Name ?? email)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:{email}");
        }

        lines.Add($"STATUS:{(method == CalendarMethod.Cancel || booking.Status == BookingStatus.Cancelled ? "CANCELLED" : "CONFIRMED")}");
        lines.Add("TRANSP:OPAQUE");
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");

        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(text, line);
        }

        return text.ToString();
    }

    private static string Local(DateTimeOffset at) =>
        BrusselsTime.ToLocal(at).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    // RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values.
    private static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "", StringComparison.Ordinal);

    // A parameter value with : ; or , must be quoted, and may hold neither a double quote nor a control
    // character (RFC 5545 3.1, QSAFE-CHAR): a line break there would start a property of the sender's choosing.
    private static string Quote(string value) =>
        $"\"{string.Concat(value.Where(c => !char.IsControl(c))).Replace("\"", "'", StringComparison.Ordinal)}\"";

    /// <summary>Lines of at most 75 octets, continued with CRLF and a space (RFC 5545 3.1), never inside a UTF-8 sequence.</summary>
    private static void Fold(StringBuilder text, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 0;
                limit = 74;
            }

            text.Append(rune.ToString());
            octets += size;
        }

        text.Append("\r\n");
    }
}
