using System.Globalization;

namespace Wijkwacht.Dossiers;

/// <summary>
/// One line of a dossier's history as the coordinator reads it: what happened, when, by whom. Kinds: opened,
/// mail (a notification), reminder, escalation, transition (Change is "from-to"), observation-linked, note.
/// Internal notes are here and only here: the partner's view, mails and exports never read them.
/// </summary>
internal sealed record TimelineEntry(
    DateTimeOffset At,
    string Kind,
    string Actor,
    string? Change = null,
    string? To = null,
    string? Subject = null,
    string? Note = null,
    Guid? Photo = null,
    string? ObservationId = null,
    string? Deadline = null,
    int? Step = null)
{
    public static IReadOnlyList<TimelineEntry> Of(Dossier d, IEnumerable<DossierEvent> events) =>
    [
        new(d.CreatedAt, "opened", "system"),
        .. events.OrderBy(e => e.At).Select(From),
    ];

    private static TimelineEntry From(DossierEvent e)
    {
        switch (e.Kind)
        {
            case DossierEventKind.Notification:
                return new(e.At, "mail", "system", To: e.To, Subject: e.Subject);
            case DossierEventKind.Reminder or DossierEventKind.Escalation:
                var (deadline, step) = e.Detail?.Split(':') is [var dl, var st] && int.TryParse(st, CultureInfo.InvariantCulture, out var n) ? (dl, n) : ("Acknowledgement", 0);
                return new(e.At, e.Kind == DossierEventKind.Reminder ? "reminder" : "escalation", "system", To: e.To, Subject: e.Subject,
                    Deadline: System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(deadline), Step: step);
            case DossierEventKind.Transition:
                return new(e.At, "transition", e.Detail ?? "", Change: Kebab(e.Key), Note: e.Note, Photo: e.Photo);
            case DossierEventKind.ObservationLinked:
                return new(e.At, "observation-linked", "system", ObservationId: e.Key);
            default:
                return new(e.At, "note", e.Detail ?? "", Note: e.Note);
        }
    }

    // "InProgress-Resolved" → "in-progress-resolved" is ambiguous; the change reads "in-progress→resolved".
    private static string Kebab(string change) =>
        string.Join('→', change.Split('-').Select(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName));
}
