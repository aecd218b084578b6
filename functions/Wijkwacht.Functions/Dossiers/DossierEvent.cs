using Wijkwacht.Mail;

namespace Wijkwacht.Dossiers;

internal enum DossierEventKind
{
    Notification,
    Reminder,
    Transition,
}

/// <summary>Something that happened to a dossier: a mail sent, a reminder, a status change.</summary>
internal sealed record DossierEvent(DossierEventKind Kind, DateTimeOffset At, string Key, string? To = null, string? Subject = null, string? Detail = null, string? Note = null)
{
    public static DossierEvent Notification(MailMessage mail, DateTimeOffset at) =>
        new(DossierEventKind.Notification, at, mail.Id, mail.To, mail.Subject);

    public static DossierEvent Reminder(MailMessage mail, int step, DateTimeOffset at) =>
        new(DossierEventKind.Reminder, at, mail.Id, mail.To, mail.Subject, step.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static DossierEvent Transition(DossierStatus from, DossierStatus to, string by, DateTimeOffset at, string? note) =>
        new(DossierEventKind.Transition, at, $"{from}-{to}", Detail: by, Note: note);
}
