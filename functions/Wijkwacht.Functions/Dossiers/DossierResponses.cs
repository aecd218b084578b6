using System.ComponentModel.DataAnnotations;

namespace Wijkwacht.Dossiers;

internal sealed record DossierResponse(
    string Id,
    DossierStatus Status,
    string Category,
    string PartnerId,
    IReadOnlyList<Guid> ObservationIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ForwardedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ClosedAt,
    string? RejectionReason,
    IReadOnlyList<NotificationView> Notifications,
    IReadOnlyList<ReminderView> Reminders,
    IReadOnlyList<TransitionView> History)
{
    public static DossierResponse From(StoredDossier stored)
    {
        var d = stored.Dossier;
        var events = stored.Events.OrderBy(e => e.At).ToList();
        return new DossierResponse(
            d.Id, d.Status, d.Category, d.PartnerId, d.ObservationIds, d.CreatedAt, d.ForwardedAt, d.AcknowledgedAt, d.ClosedAt, d.RejectionReason,
            [.. events.Where(e => e.Kind == DossierEventKind.Notification).Select(e => new NotificationView(e.Key, e.To ?? "", e.Subject ?? "", e.At))],
            [.. events.Where(e => e.Kind == DossierEventKind.Reminder).Select(e => new ReminderView(int.Parse(e.Detail ?? "0", System.Globalization.CultureInfo.InvariantCulture), e.Key, e.To ?? "", e.Subject ?? "", e.At))],
            [.. events.Where(e => e.Kind == DossierEventKind.Transition).Select(e => new TransitionView(e.Key, e.Detail ?? "", e.At, e.Note))]);
    }
}

internal sealed record NotificationView(string MailId, string To, string Subject, DateTimeOffset SentAt);

internal sealed record ReminderView(int Step, string MailId, string To, string Subject, DateTimeOffset SentAt);

internal sealed record TransitionView(string Change, string By, DateTimeOffset At, string? Note);

/// <summary>A status change asked for by a person. "new" and "forwarded" are the system's to set.</summary>
public sealed record TransitionRequest(
    [property: Required] DossierStatus? To,
    [property: StringLength(1000)] string? Reason);
