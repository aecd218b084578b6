using System.ComponentModel.DataAnnotations;

namespace Wijkwacht.Dossiers;

/// <summary>A dossier as coordinators see it. <c>Version</c> is its ETag, for If-Match on the next change.</summary>
internal sealed record DossierResponse(
    string Id,
    DossierStatus Status,
    string Category,
    string? NeighbourhoodId,
    string PartnerId,
    IReadOnlyList<Guid> ObservationIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ForwardedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ClosedAt,
    string? RejectionReason,
    DateTimeOffset? AcknowledgeBy,
    DateTimeOffset? ResolveBy,
    bool Escalated,
    DateTimeOffset? EscalatedAt,
    IReadOnlyList<NotificationView> Notifications,
    IReadOnlyList<FollowUpView> Reminders,
    IReadOnlyList<FollowUpView> Escalations,
    IReadOnlyList<TransitionView> History,
    IReadOnlyList<TimelineEntry> Timeline,
    string Version)
{
    public static DossierResponse From(StoredDossier stored)
    {
        var d = stored.Dossier;
        var events = stored.Events.OrderBy(e => e.At).ToList();
        return new DossierResponse(
            d.Id, d.Status, d.Category, d.NeighbourhoodId, d.PartnerId, d.ObservationIds, d.CreatedAt, d.ForwardedAt, d.AcknowledgedAt, d.ClosedAt, d.RejectionReason,
            d.AcknowledgeBy, d.ResolveBy, d.Escalated, d.EscalatedAt,
            [.. events.Where(e => e.Kind == DossierEventKind.Notification).Select(e => new NotificationView(e.Key, e.To ?? "", e.Subject ?? "", e.At))],
            [.. events.Where(e => e.Kind == DossierEventKind.Reminder).Select(FollowUpView.From)],
            [.. events.Where(e => e.Kind == DossierEventKind.Escalation).Select(FollowUpView.From)],
            [.. events.Where(e => e.Kind == DossierEventKind.Transition).Select(e => new TransitionView(e.Key, e.Detail ?? "", e.At, e.Note, e.Photo))],
            TimelineEntry.Of(d, events),
            stored.ETag.ToString());
    }
}

internal sealed record NotificationView(string MailId, string To, string Subject, DateTimeOffset SentAt);

/// <summary>A reminder or escalation: which deadline, which step, and the mail that went out (if any).</summary>
internal sealed record FollowUpView(string Deadline, int Step, string? MailId, string? To, string? Subject, DateTimeOffset SentAt)
{
    public static FollowUpView From(DossierEvent e)
    {
        var (deadline, step) = e.Detail?.Split(':') is [var d, var s] ? (d, int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)) : ("Acknowledgement", 0);
        return new FollowUpView(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(deadline), step, e.To is null ? null : e.Key, e.To, e.Subject, e.At);
    }
}

/// <summary>A status change; a partner resolving may add a photo of the result.</summary>
internal sealed record TransitionView(string Change, string By, DateTimeOffset At, string? Note, Guid? Photo);

/// <summary>
/// A status change asked for by a person. "new" and "forwarded" are the system's to set; "reassigned" needs the
/// partner the dossier goes to.
/// </summary>
public sealed record TransitionRequest(
    [property: Required] DossierStatus? To,
    [property: StringLength(1000)] string? Reason,
    [property: StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a partner id.")] string? PartnerId = null);

/// <summary>
/// The dossier list's query string. The filters are read and checked by <see cref="DossierFilter.Parse"/> (an
/// empty or unknown value is a problem naming the parameter); they are listed here for the API description.
/// </summary>
public sealed record DossierListQuery(
    string? Status,
    string? Partner,
    string? Category,
    string? Neighbourhood,
    string? Overdue,
    string? Escalated,
    string? From,
    string? To,
    string? Q,
    string? Sort,
    [property: Range(1, 200)] int? PageSize,
    [property: StringLength(1000)] string? ContinuationToken);
