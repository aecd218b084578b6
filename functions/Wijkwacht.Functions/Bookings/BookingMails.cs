using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Wijkwacht.Hosting;
using Wijkwacht.Identity;
using Wijkwacht.Mail;
using Wijkwacht.Time;

namespace Wijkwacht.Bookings;

/// <summary>
/// What the citizen and the officer's calendar are told about a booking, in the citizen's language: the
/// request to confirm a hold, the confirmation and every change with an iCalendar invitation, the cancellation,
/// the reminder the day before.
/// </summary>
internal sealed class BookingMails(OfficerDirectory officers, SignedLinks links, IOptions<AppOptions> app, IOptions<BookingOptions> options, TimeProvider time)
{
    public static string MailId(Booking booking, string purpose) => $"booking-{booking.Id}-{booking.Sequence}-{purpose}";

    public int MaxReschedules => options.Value.MaxReschedules;

    /// <summary>
    /// The mail for the booking's current state: the request to confirm a hold, the confirmation, a change or a
    /// cancellation. Until the citizen proved the address by confirming, nothing they wrote is mailed: an
    /// unconfirmed booking gets the confirmation request only, and nothing when it is cancelled or expires.
    /// </summary>
    public MailMessage? ForState(Booking booking)
    {
        if (booking.Citizen.Email is null || booking.ErasedAt is not null || booking.Status is BookingStatus.Done or BookingStatus.NoShow or BookingStatus.Expired)
        {
            return null;
        }

        if (booking.Status == BookingStatus.Held)
        {
            return booking.IsLapsed(time.GetUtcNow()) ? null : ConfirmationRequest(booking);
        }

        if (booking.ConfirmedAt is null)
        {
            return null; // cancelled before it was confirmed
        }

        var text = Texts.For(booking.Citizen.Language);
        var (purpose, subject, intro, method) = booking.Status == BookingStatus.Cancelled
            ? ("cancelled", text.CancelledSubject, text.CancelledIntro, CalendarMethod.Cancel)
            : booking.Sequence == 0
                ? ("confirmed", text.ConfirmedSubject, text.ConfirmedIntro, CalendarMethod.Request)
                : ("changed", text.ChangedSubject, text.ChangedIntro, CalendarMethod.Request);
        return Mail(booking, purpose, subject, intro, method);
    }

    public MailMessage? Reminder(Booking booking)
    {
        if (booking.Citizen.Email is null || booking.ErasedAt is not null || booking.Status != BookingStatus.Booked)
        {
            return null;
        }

        var text = Texts.For(booking.Citizen.Language);
        return Mail(booking, "reminder", text.ReminderSubject, text.ReminderIntro, method: null);
    }

    /// <summary>
    /// The request to confirm: the code and the link, the time and the officer — only the city's own words. The
    /// booker's name, subject and address are not in it: the address is not proven yet, and these are the
    /// fields someone would fill in to send a stranger a message in the city's name.
    /// </summary>
    private MailMessage ConfirmationRequest(Booking booking)
    {
        var officer = officers.Find(booking.OfficerId)!;
        var text = Texts.For(booking.Citizen.Language);
        var when = When(booking, text);
        var until = BrusselsTime.ToLocal(booking.HoldUntil!.Value).ToString("HH:mm", text.Culture);
        var body = new StringBuilder()
            .Append(text.Hello).Append("\r\n\r\n")
            .Append(Format(text.ConfirmIntro, when, officer.Name, text.TypeName(booking.Type))).Append("\r\n\r\n")
            .Append(Format(text.ConfirmCode, booking.ConfirmationCode!)).Append("\r\n\r\n");
        if (ConfirmationLink(booking) is { } link)
        {
            body.Append(text.ConfirmLink).Append("\r\n").Append(link).Append("\r\n\r\n");
        }

        body.Append(Format(text.ConfirmUntil, until)).Append("\r\n\r\n")
            .Append(text.ConfirmIgnore).Append("\r\n\r\n")
            .Append(text.Closing).Append("\r\n").Append(app.Value.PublicUrl);
        return new MailMessage(MailId(booking, "confirm"), booking.Citizen.Email!, Format(text.ConfirmSubject, when), body.ToString(), text.Code);
    }

    /// <summary>The booking's page with the code filled in: opening it confirms, on any device.</summary>
    public Uri? ConfirmationLink(Booking booking) =>
        booking.ConfirmationCode is { } code && ManageLink(booking) is { } manage ? new Uri($"{manage}&code={code}") : null;

    /// <summary>
    /// The booking's page, opened with a signed link that works until a fixed time after the appointment
    /// (however often it is asked for again); none once that time has passed.
    /// </summary>
    public Uri? ManageLink(Booking booking)
    {
        var lifetime = booking.End + options.Value.LinkLifetimeAfterAppointment - time.GetUtcNow();
        if (lifetime <= TimeSpan.Zero)
        {
            return null;
        }

        var token = links.Issue(LinkPurpose.BookingManagement, booking.Id.ToString(), lifetime);
        return new Uri(app.Value.PublicUrl, $"/booking/manage/?booking={booking.Id}&token={Uri.EscapeDataString(token)}");
    }

    /// <summary>The appointment as a calendar file, in the citizen's language.</summary>
    public string CalendarFile(Booking booking, CalendarMethod method)
    {
        var officer = officers.Find(booking.OfficerId)!;
        var office = officers.OfficeOf(officer);
        var text = Texts.For(booking.Citizen.Language);
        return BookingCalendarFile.Write(booking, officer, office, Format(text.EventSummary, officer.Name), Describe(booking, text), Where(booking, office.Address, text), method, time.GetUtcNow());
    }

    /// <summary>
    /// The officer's calendar event: who comes, how to reach them and what about (nothing once erased). What the
    /// citizen wrote is quoted and its links broken here too: the officer opens it in Outlook.
    /// </summary>
    public Calendar.CalendarEvent CalendarEvent(Booking booking)
    {
        var office = officers.OfficeOf(officers.Find(booking.OfficerId)!);
        var text = Texts.For("nl");
        var who = booking.Citizen.Name is { } name ? QuotedText.Defang(name) : "—";
        var body = string.Join("\r\n",
            $"{text.Type}: {text.TypeName(booking.Type)}",
            $"{text.Email}: {booking.Citizen.Email ?? "—"}",
            $"{text.Phone}: {booking.Citizen.Phone ?? "—"}",
            $"{text.Language}: {text.LanguageName(booking.Citizen.Language)}",
            "",
            text.YourWordsForOfficer,
            CitizenWords(booking, text));
        return new Calendar.CalendarEvent(booking.Id.ToString(), $"Wijkwacht: {text.TypeName(booking.Type)} – {who}", body, booking.Start, booking.End, Where(booking, office.Address, text));
    }

    private MailMessage Mail(Booking booking, string purpose, string subject, string intro, CalendarMethod? method)
    {
        var officer = officers.Find(booking.OfficerId)!;
        var text = Texts.For(booking.Citizen.Language);
        var when = When(booking, text);
        var body = new StringBuilder()
            .Append(text.Hello).Append("\r\n\r\n")
            .Append(Format(intro, when, officer.Name)).Append("\r\n\r\n")
            .Append(Describe(booking, text)).Append("\r\n\r\n");
        if (booking.Status == BookingStatus.Booked && ManageLink(booking) is { } link)
        {
            body.Append(text.Manage).Append("\r\n").Append(link).Append("\r\n\r\n");
        }

        body.Append(text.Closing).Append("\r\n").Append(officer.Name).Append("\r\n").Append(app.Value.PublicUrl);
        return new MailMessage(MailId(booking, purpose), booking.Citizen.Email!, Format(subject, when), body.ToString(), text.Code)
        {
            Attachments = method is { } m
                ? [new MailAttachment(m == CalendarMethod.Cancel ? "cancel.ics" : "invite.ics", $"{BookingCalendarFile.ContentType}; charset=utf-8; method={m.ToString().ToUpperInvariant()}", Encoding.UTF8.GetBytes(CalendarFile(booking, m)))]
                : [],
        };
    }

    /// <summary>The appointment in the city's words, then what the citizen wrote, quoted as theirs.</summary>
    private string Describe(Booking booking, Texts text)
    {
        var officer = officers.Find(booking.OfficerId)!;
        var office = officers.OfficeOf(officer);
        return string.Join("\r\n",
            $"{text.When}: {When(booking, text)}",
            $"{text.With}: {officer.Name}",
            $"{text.Type}: {text.TypeName(booking.Type)}",
            $"{text.Where}: {Where(booking, office.Address, text) ?? "—"}",
            "",
            text.YourWords,
            CitizenWords(booking, text));
    }

    private static string CitizenWords(Booking booking, Texts text) => QuotedText.Block(
    [
        (text.Name, booking.Citizen.Name),
        (text.Subject, booking.Citizen.Subject),
        (text.Address, booking.Type == AppointmentType.Home ? booking.Citizen.Address : null),
    ]) is { Length: > 0 } quoted ? quoted : "> —";

    // A home visit's place is the citizen's own text: broken like the rest, as calendars link locations to maps.
    private static string? Where(Booking booking, string officeAddress, Texts text) => booking.Type switch
    {
        AppointmentType.Office => officeAddress,
        AppointmentType.Home => booking.Citizen.Address is { } address ? QuotedText.Defang(address) : null,
        _ => booking.Citizen.Phone is { } phone ? Format(text.CallsYou, phone) : null,
    };

    private static string When(Booking booking, Texts text)
    {
        var start = BrusselsTime.ToLocal(booking.Start);
        var end = BrusselsTime.ToLocal(booking.End);
        return $"{start.ToString("dddd d MMMM yyyy, HH:mm", text.Culture)}–{end.ToString("HH:mm", text.Culture)}";
    }

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);

    private sealed record Texts(
        string Code,
        CultureInfo Culture,
        string Hello,
        string ConfirmedSubject,
        string ConfirmedIntro,
        string ChangedSubject,
        string ChangedIntro,
        string CancelledSubject,
        string CancelledIntro,
        string ReminderSubject,
        string ReminderIntro,
        string EventSummary,
        string When,
        string With,
        string Type,
        string Where,
        string Subject,
        string Name,
        string Email,
        string Phone,
        string Language,
        string Address,
        string CallsYou,
        string Manage,
        string Closing,
        string Office,
        string Home,
        string PhoneCall,
        string ConfirmSubject,
        string ConfirmIntro,
        string ConfirmCode,
        string ConfirmLink,
        string ConfirmUntil,
        string ConfirmIgnore,
        string YourWords,
        string YourWordsForOfficer)
    {
        public string TypeName(AppointmentType type) => type switch
        {
            AppointmentType.Office => Office,
            AppointmentType.Home => Home,
            _ => PhoneCall,
        };

        /// <summary>A language named in this text's language ("Frans", not "fr"): every value in a mail is translated.</summary>
        public string LanguageName(string language) => LanguageNames[Code].GetValueOrDefault(language, language);

        private static readonly Dictionary<string, Dictionary<string, string>> LanguageNames = new()
        {
            ["nl"] = new() { ["nl"] = "Nederlands", ["fr"] = "Frans", ["en"] = "Engels" },
            ["fr"] = new() { ["nl"] = "néerlandais", ["fr"] = "français", ["en"] = "anglais" },
            ["en"] = new() { ["nl"] = "Dutch", ["fr"] = "French", ["en"] = "English" },
        };

        private static readonly Texts Dutch = new(
            "nl", CultureInfo.GetCultureInfo("nl-BE"),
            "Goeiedag,",
            "Uw afspraak met de wijkagent: {0}",
            "Uw afspraak met {1} is bevestigd: {0}.",
            "Uw afspraak met de wijkagent is verplaatst: {0}",
            "Uw afspraak met {1} is verplaatst naar {0}.",
            "Uw afspraak met de wijkagent is geannuleerd",
            "Uw afspraak met {1} op {0} is geannuleerd.",
            "Herinnering: morgen uw afspraak met de wijkagent ({0})",
            "Wij herinneren u aan uw afspraak met {1}: {0}.",
            "Afspraak met {0}",
            "Wanneer", "Met", "Soort", "Waar", "Onderwerp", "Naam", "E-mail", "Telefoon", "Taal", "Adres",
            "de wijkagent belt u op {0}",
            "Bekijken, verplaatsen of annuleren:",
            "Met vriendelijke groet,",
            "bezoek aan het wijkkantoor", "huisbezoek", "telefoongesprek",
            "Bevestig uw afspraak met de wijkagent: {0}",
            "Met dit e-mailadres werd een afspraak gevraagd met {1} ({2}): {0}. De afspraak gaat pas door als u ze bevestigt.",
            "Uw bevestigingscode: {0}",
            "Of bevestig met deze link:",
            "Zonder bevestiging vóór {0} vervalt de aanvraag en komt het tijdstip weer vrij.",
            "Hebt u niets gevraagd? Dan hoeft u niets te doen.",
            "Wat u zelf invulde (zoals u het schreef):",
            "Wat de burger zelf invulde (niet nagekeken):");

        private static readonly Texts French = new(
            "fr", CultureInfo.GetCultureInfo("fr-BE"),
            "Bonjour,",
            "Votre rendez-vous avec l'agent de quartier : {0}",
            "Votre rendez-vous avec {1} est confirmé : {0}.",
            "Votre rendez-vous avec l'agent de quartier a été déplacé : {0}",
            "Votre rendez-vous avec {1} a été déplacé au {0}.",
            "Votre rendez-vous avec l'agent de quartier est annulé",
            "Votre rendez-vous avec {1} du {0} est annulé.",
            "Rappel : demain, votre rendez-vous avec l'agent de quartier ({0})",
            "Nous vous rappelons votre rendez-vous avec {1} : {0}.",
            "Rendez-vous avec {0}",
            "Quand", "Avec", "Type", "Où", "Objet", "Nom", "E-mail", "Téléphone", "Langue", "Adresse",
            "l'agent de quartier vous appelle au {0}",
            "Consulter, déplacer ou annuler :",
            "Cordialement,",
            "visite à l'antenne de quartier", "visite à domicile", "appel téléphonique",
            "Confirmez votre rendez-vous avec l'agent de quartier : {0}",
            "Un rendez-vous avec {1} ({2}) a été demandé avec cette adresse e-mail : {0}. Il n'aura lieu que si vous le confirmez.",
            "Votre code de confirmation : {0}",
            "Ou confirmez avec ce lien :",
            "Sans confirmation avant {0}, la demande expire et l'horaire redevient libre.",
            "Vous n'avez rien demandé ? Vous n'avez rien à faire.",
            "Ce que vous avez écrit vous-même (tel quel) :",
            "Ce que le citoyen a écrit lui-même (non vérifié) :");

        private static readonly Texts English = new(
            "en", CultureInfo.GetCultureInfo("en-GB"),
            "Hello,",
            "Your appointment with the neighbourhood officer: {0}",
            "Your appointment with {1} is confirmed: {0}.",
            "Your appointment with the neighbourhood officer has moved: {0}",
            "Your appointment with {1} has moved to {0}.",
            "Your appointment with the neighbourhood officer is cancelled",
            "Your appointment with {1} on {0} is cancelled.",
            "Reminder: your appointment with the neighbourhood officer tomorrow ({0})",
            "This is a reminder of your appointment with {1}: {0}.",
            "Appointment with {0}",
            "When", "With", "Type", "Where", "Subject", "Name", "E-mail", "Phone", "Language", "Address",
            "the neighbourhood officer calls you on {0}",
            "View, move or cancel:",
            "Kind regards,",
            "visit to the neighbourhood office", "home visit", "phone call",
            "Confirm your appointment with the neighbourhood officer: {0}",
            "An appointment with {1} ({2}) was asked for with this e-mail address: {0}. It only goes ahead once you confirm it.",
            "Your confirmation code: {0}",
            "Or confirm with this link:",
            "Without confirmation before {0} the request lapses and the time is free again.",
            "Did not ask for anything? Then there is nothing to do.",
            "What you wrote yourself (as you wrote it):",
            "What the citizen wrote (not checked):");

        public static Texts For(string language) => language switch
        {
            "fr" => French,
            "en" => English,
            _ => Dutch,
        };
    }
}
