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

    /// <summary>An observation split off: Key is the observation, Note the new dossier's id, Detail who split it.</summary>
    ObservationSplit,

    /// <summary>On the survivor of a merge: Key is the merged dossier's id, Detail who merged.</summary>
    Merged,
}

/// <summary>
/// Something that happened to a dossier: a mail sent, a reminder, a status change. <c>MergedFrom</c> names the
/// dossier it happened to when it came along with a merge.
/// </summary>
internal sealed record DossierEvent(DossierEventKind Kind, DateTimeOffset At, string Key, string? To = null, string? Subject = null, string? Detail = null, string? Note = null, Guid? Photo = null, string? MergedFrom = null)
{
    public static DossierEvent SplitOff(Guid observationId, string newDossierId, string by, DateTimeOffset at) =>
        new(DossierEventKind.ObservationSplit, at, observationId.ToString(), Detail: by, Note: newDossierId);

    public static DossierEvent MergedInHere(string mergedId, string by, DateTimeOffset at) =>
        new(DossierEventKind.Merged, at, mergedId, Detail: by);

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
