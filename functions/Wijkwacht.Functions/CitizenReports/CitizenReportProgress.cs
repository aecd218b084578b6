using Microsoft.Extensions.Options;
using Wijkwacht.Dossiers;
using Wijkwacht.Mail;
using Wijkwacht.Observations;
using Wijkwacht.Partners;

namespace Wijkwacht.CitizenReports;

/// <summary>
/// A report's progress as its reporter may see it: the dossier's status in five plain steps, the partner's own
/// note on closing, and nothing else of the dossier (no internal notes, GAS details or other reports). Also the
/// dossier listener that mails the reporter when their report is forwarded and when it is resolved or closed.
/// </summary>
internal sealed class CitizenReportProgress(
    CitizenReportStore reports,
    ObservationStore observations,
    DossierStore dossiers,
    PartnerStore partners,
    CategoryCatalogue categories,
    CitizenReportMails mails,
    IMailSender mailSender,
    TimeProvider time)
{
    public async Task<CitizenReportStatus?> StatusAsync(string reference, CancellationToken cancellationToken)
    {
        if (await reports.GetAsync(reference, cancellationToken) is not { } stored)
        {
            return null;
        }

        var report = stored.Report;
        var observation = (await observations.GetAsync(report.Id, cancellationToken))?.Observation;
        var dossier = observation?.DossierId is { } dossierId ? await dossiers.GetAsync(dossierId, cancellationToken) : null;
        var d = dossier?.Dossier;
        var partnerName = d is null || d.Status == DossierStatus.New ? null : (await partners.GetAsync(d.PartnerId, cancellationToken))?.Partner.Name;
        var closing = dossier?.Events.Where(e => e.Kind == DossierEventKind.Transition && e.Detail?.StartsWith("partner:", StringComparison.Ordinal) == true
            && e.Key.EndsWith($"-{d!.Status}", StringComparison.Ordinal)).OrderBy(e => e.At).LastOrDefault();
        var status = PublicStatus(d);
        return new CitizenReportStatus(
            report.Reference,
            report.Category,
            categories.Find(report.Category)?.Label(report.Language) ?? report.Category,
            status,
            observation?.Description,
            observation?.Address,
            observation?.Latitude ?? 0,
            observation?.Longitude ?? 0,
            observation?.Photos.Count ?? 0,
            report.SubmittedAt,
            report.ExpectedAnswerBy,
            d?.ForwardedAt,
            partnerName,
            d?.ClosedAt,
            status is "resolved" or "closed" ? closing?.Note ?? d?.RejectionReason : null,
            report.Feedback is null ? null : report.Feedback.Fixed ? "fixed" : "not-fixed",
            FeedbackOpen(report, d));
    }

    /// <summary>"Is it fixed?" can be answered once, while the dossier is resolved and the answer window is open.</summary>
    public bool FeedbackOpen(CitizenReport report, Dossier? dossier) =>
        report.Feedback is null && dossier is { Status: DossierStatus.Resolved, Reopenings: 0, ClosedAt: { } closed } && time.GetUtcNow() <= closed + CitizenReport.FeedbackWindow;

    public static string PublicStatus(Dossier? d) => d?.Status switch
    {
        null or DossierStatus.New => "received",
        DossierStatus.Forwarded or DossierStatus.Reassigned => "forwarded",
        DossierStatus.Acknowledged or DossierStatus.InProgress => "in-progress",
        DossierStatus.Resolved => "resolved",
        _ => "closed",
    };

    /// <summary>The dossier listener: mails every reporter of the dossier's observations about this step, once.</summary>
    public async Task DossierChangedAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        var status = PublicStatus(dossier);
        if (status == "received")
        {
            return;
        }

        string? partnerName = null;
        foreach (var observationId in dossier.ObservationIds)
        {
            if (await reports.ForObservationAsync(observationId, cancellationToken) is not { Report.Email: not null } stored)
            {
                continue; // a warden's observation, or a report without an address
            }

            partnerName ??= (await partners.GetAsync(dossier.PartnerId, cancellationToken))?.Partner.Name ?? dossier.PartnerId;
            var report = stored.Report;
            var mail = status switch
            {
                "forwarded" or "in-progress" => mails.Forwarded(report, partnerName),
                "resolved" => mails.Resolved(report, partnerName, dossier.Reopenings, dossier.ClosedAt ?? time.GetUtcNow()),
                _ => mails.Closed(report),
            };
            await mailSender.SendAsync(mail, cancellationToken);
        }
    }
}
