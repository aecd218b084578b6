using Microsoft.Extensions.Options;
using Wijkwacht.Audit;
using Wijkwacht.Geography;
using Wijkwacht.Mail;
using Wijkwacht.Observations;
using Wijkwacht.Time;

namespace Wijkwacht.CitizenReports;

internal enum SubmissionOutcome
{
    Created,
    Repeated,
    KeyReused,
}

internal sealed record Submission(SubmissionOutcome Outcome, CitizenReport? Report, bool AcknowledgementMailed);

/// <summary>
/// Takes a citizen's report in: the report row (contact, answer date), the observation that carries the problem
/// into the wardens' forwarding flow, the forwarding request, the acknowledgement mail. Each step can be
/// repeated, so a retry with the same Idempotency-Key completes an attempt that was cut short.
/// </summary>
internal sealed class CitizenReportDesk(
    CitizenReportStore reports,
    ObservationStore observations,
    ForwardingRequests forwarding,
    Neighbourhoods neighbourhoods,
    WorkingDays workingDays,
    CitizenReportMails mails,
    IMailSender mailSender,
    AuditTrail audit,
    IOptions<CitizenReportOptions> options,
    TimeProvider time)
{
    /// <summary>Who "recorded" the observation of a citizen report from the website: no user id can take this shape.</summary>
    public const string Reporter = "citizen:web";

    /// <summary>A report from the website: received now.</summary>
    public Task<Submission> SubmitAsync(CitizenReportRequest request, string? idempotencyKey, CancellationToken cancellationToken) =>
        SubmitAsync(request, "web", time.GetUtcNow(), idempotencyKey, new AuditActor(Reporter, "anonymous"), cancellationToken);

    /// <summary>
    /// A report that came in through <paramref name="channel"/> on <paramref name="receivedAt"/>: the answer date
    /// counts from when it was received, not from when it was typed in.
    /// </summary>
    public async Task<Submission> SubmitAsync(CitizenReportRequest request, string channel, DateTimeOffset receivedAt, string? idempotencyKey, AuditActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = CitizenReport.IdFor(idempotencyKey is null || channel == "web" ? idempotencyKey : $"{channel}:{idempotencyKey}");
        var answerBy = BrusselsTime.Day(workingDays.AddWorkingDays(receivedAt, options.Value.AnswerWorkingDaysFor(request.Category!)));
        var report = new CitizenReport
        {
            Id = id,
            Category = request.Category!,
            Language = request.Language!,
            Email = Blank(request.Email),
            Phone = Blank(request.Phone),
            SubmittedAt = now,
            ReceivedAt = receivedAt,
            ExpectedAnswerBy = answerBy,
            Channel = channel,
        };

        var (stored, created) = await reports.AddAsync(report, cancellationToken);
        var observation = ToObservation(request, id, channel, stored.Report.ReceivedAt, stored.Report.SubmittedAt);
        if (!created && !await SameAsync(stored.Report, report, observation, cancellationToken))
        {
            return new Submission(SubmissionOutcome.KeyReused, null, false);
        }

        var (recorded, _) = await observations.AddAsync(observation, cancellationToken);
        if (created)
        {
            await audit.RecordAsync(AuditEntity.Observation, id.ToString(), "reported-by-citizen", actor,
                new { stored.Report.Reference, stored.Report.Category, stored.Report.Channel, contact = stored.Report.HasContact }, cancellationToken);
        }

        if (recorded.DossierId is null)
        {
            await forwarding.RequestAsync(id, cancellationToken);
        }

        var mailed = await AcknowledgeAsync(stored.Report, created, cancellationToken);
        return new Submission(created ? SubmissionOutcome.Created : SubmissionOutcome.Repeated, stored.Report, mailed);
    }

    /// <summary>The acknowledgement, once per report, and only within the day's cap for the address.</summary>
    private async Task<bool> AcknowledgeAsync(CitizenReport report, bool created, CancellationToken cancellationToken)
    {
        if (report.Email is not { } email)
        {
            return false;
        }

        // A retry does not claim a second place under the cap; it sends the same mail id, which goes out once.
        if (created && !await reports.ClaimMailAsync(email, BrusselsTime.Day(report.SubmittedAt), options.Value.MailsPerAddressPerDay, cancellationToken))
        {
            return false;
        }

        await mailSender.SendAsync(mails.Received(report), cancellationToken);
        return true;
    }

    private async Task<bool> SameAsync(CitizenReport stored, CitizenReport asked, Observation observation, CancellationToken cancellationToken)
    {
        if (stored with { SubmittedAt = asked.SubmittedAt, ExpectedAnswerBy = asked.ExpectedAnswerBy, Feedback = null, ReceivedAt = asked.ReceivedAt } != asked with { Feedback = null }
            || (asked.Channel != "web" && stored.ReceivedAt != asked.ReceivedAt))
        {
            return false;
        }

        var recorded = (await observations.GetAsync(stored.Id, cancellationToken))?.Observation;
        return recorded is null || recorded with { DossierId = null, Photos = [] } == observation with { DossierId = null, Photos = [] };
    }

    private Observation ToObservation(CitizenReportRequest r, Guid id, string channel, DateTimeOffset receivedAt, DateTimeOffset submittedAt)
    {
        var fields = new ObservationFields
        {
            Category = r.Category,
            Subcategory = r.Subcategory,
            Latitude = r.Latitude,
            Longitude = r.Longitude,
            Address = r.Address,
            Description = r.Description,
            ObservedAt = receivedAt,
        };
        return Observation.Record(fields, id, $"citizen:{channel}", neighbourhoods.Find(r.Latitude!.Value, r.Longitude!.Value)?.Id, submittedAt);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
