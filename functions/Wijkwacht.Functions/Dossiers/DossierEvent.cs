using Wijkwacht.Mail;

namespace Wijkwacht.Dossiers;

internal enum DossierEventKind
{
    Notification,
    Reminder,
    Escalation,
    Transition,
    ObservationLinked,

    /// <summary>An internal note of a coordinator: never shown to partners, in mails or in exports.</summary>
    Note,
}

/// <summary>Something that happened to a dossier: a mail sent, a reminder, a status change.</summary>
internal sealed record DossierEvent(DossierEventKind Kind, DateTimeOffset At, string Key, string? To = null, string? Subject = null, string? Detail = null, string? Note = null, Guid? Photo = null)
{
    public static DossierEvent Notification(MailMessage mail, DateTimeOffset at) =>
        new(DossierEventKind.Notification, at, mail.Id, mail.To, mail.Subject);

    /// <summary>A reminder or the escalation of a deadline; Detail holds "{deadline}:{step}".</summary>
    public static DossierEvent FollowUp(Deadline deadline, int step, MailMessage? mail, DateTimeOffset at) => new(
        FollowUpPlan.IsEscalation(step) ? DossierEventKind.Escalation : DossierEventKind.Reminder,
        at,
        mail?.Id ?? $"{deadline}-{step}".ToLowerInvariant(),
        mail?.To,
        mail?.Subject,
        $"{deadline}:{step}");

    public static DossierEvent Linked(Guid observationId, DateTimeOffset at) =>
        new(DossierEventKind.ObservationLinked, at, observationId.ToString());

    /// <summary>Key is the note's own id (so a retry adds it once), Detail who wrote it.</summary>
    public static DossierEvent InternalNote(Guid noteId, string by, string text, DateTimeOffset at) =>
        new(DossierEventKind.Note, at, noteId.ToString(), Detail: by, Note: text);

    public static DossierEvent Transition(DossierStatus from, DossierStatus to, string by, DateTimeOffset at, string? note, Guid? photo = null) =>
        new(DossierEventKind.Transition, at, $"{from}-{to}", Detail: by, Note: note, Photo: photo);
}
