using Microsoft.Extensions.Options;
using Wijkwacht.Audit;
using Wijkwacht.Dossiers;
using Wijkwacht.Mail;
using Wijkwacht.Observations;

namespace Wijkwacht.CitizenReports;

internal enum FeedbackOutcome
{
    Recorded,
    NotFound,
    NotOpen,
    AnsweredOtherwise,
    KeepsChanging,
}

/// <summary>
/// "Is it fixed?": the answer is kept on the report, counted for the partner and category, and a "no" reopens the
/// dossier (or, per the setting, asks the coordinator to). Each step can be repeated: the same answer sent again
/// finishes what an earlier attempt left undone, and counts once.
/// </summary>
internal sealed class CitizenFeedbackDesk(
    CitizenReportStore reports,
    ObservationStore observations,
    DossierStore dossiers,
    DossierTransitions transitions,
    CitizenReportProgress progress,
    CitizenReportMails mails,
    IMailSender mailSender,
    IOptions<CitizenReportOptions> options,
    IOptions<FollowUpOptions> followUp,
    TimeProvider time)
{
    public async Task<FeedbackOutcome> AnswerAsync(string reference, CitizenFeedbackRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await reports.GetAsync(reference, cancellationToken) is not { } stored
                || (await observations.GetAsync(stored.Report.Id, cancellationToken))?.Observation.DossierId is not { } dossierId
                || await dossiers.GetAsync(dossierId, cancellationToken) is not { } dossier)
            {
                return FeedbackOutcome.NotFound;
            }

            var report = stored.Report;
            if (report.Feedback is { } given)
            {
                if (given.Fixed != request.Fixed || given.Reason != request.Reason)
                {
                    return FeedbackOutcome.AnsweredOtherwise;
                }

                await FollowThroughAsync(report, stored.ETag, dossierId, cancellationToken);
                return FeedbackOutcome.Recorded;
            }

            if (!progress.FeedbackOpen(report, dossier.Dossier))
            {
                return FeedbackOutcome.NotOpen;
            }

            var answered = report with
            {
                Feedback = new CitizenFeedback(request.Fixed!.Value, request.Fixed.Value ? null : request.Reason, Blank(request.Comment), time.GetUtcNow(),
                    dossier.Dossier.PartnerId, dossier.Dossier.Category, Counted: false),
            };
            if (await reports.ReplaceAsync(answered, stored.ETag, cancellationToken))
            {
                var saved = await reports.GetAsync(reference, cancellationToken);
                await FollowThroughAsync(saved!.Report, saved.ETag, dossierId, cancellationToken);
                return FeedbackOutcome.Recorded;
            }
        }

        return FeedbackOutcome.KeepsChanging;
    }

    /// <summary>Counts the answer (once: the report remembers it was counted) and acts on a "no".</summary>
    private async Task FollowThroughAsync(CitizenReport report, Azure.ETag etag, string dossierId, CancellationToken cancellationToken)
    {
        var feedback = report.Feedback!;
        if (!feedback.Counted)
        {
            // The count and the report's "counted" mark are two rows: the mark is set only after the count, and a
            // lost race on the mark (another retry of the same answer) is left to that retry, which counted nothing.
            while (!await reports.CountFeedbackAsync(feedback.PartnerId, feedback.Category, feedback.Fixed, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            await reports.ReplaceAsync(report with { Feedback = feedback with { Counted = true } }, etag, cancellationToken);
        }

        if (feedback.Fixed)
        {
            return;
        }

        var reason = feedback.Reason ?? "other";
        if (options.Value.NotFixedReopens)
        {
            var (outcome, _) = await transitions.ReopenAsync(dossierId, 0, $"The reporter of {report.Reference} says it is not fixed ({reason}).", new AuditActor($"citizen:{report.Reference}", "signed-link"), cancellationToken);
            if (outcome != TransitionOutcome.Done)
            {
                throw new InvalidOperationException($"Dossier {dossierId} kept changing while it was reopened.");
            }
        }
        else
        {
            await mailSender.SendAsync(mails.ReopenRequest(report, dossierId, reason, followUp.Value.CoordinatorEmail), cancellationToken);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
