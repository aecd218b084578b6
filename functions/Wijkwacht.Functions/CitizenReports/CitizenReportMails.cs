using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Wijkwacht.Hosting;
using Wijkwacht.Identity;
using Wijkwacht.Mail;
using Wijkwacht.Observations;

namespace Wijkwacht.CitizenReports;

/// <summary>
/// The mails to a reporter, from the per-language templates in Data/citizen-mails.json. Nothing the reporter
/// wrote goes into them: the address was never proven to be theirs, so a mail must not carry a stranger's words
/// under the city's name. Links are signed for this report only.
/// </summary>
internal sealed partial class CitizenReportMails(CategoryCatalogue categories, SignedLinks links, IOptions<AppOptions> app, IOptions<CitizenReportOptions> options)
{
    private static readonly Dictionary<string, Dictionary<string, string>> Templates = Load();

    public MailMessage Received(CitizenReport report) =>
        Mail($"{MailKey(report)}-received", report, "receivedSubject", "received", new() { ["answerBy"] = Day(report.ExpectedAnswerBy, report.Language) });

    public MailMessage Forwarded(CitizenReport report, string partnerName) =>
        Mail($"{MailKey(report)}-forwarded", report, "forwardedSubject", "forwarded", new() { ["partner"] = partnerName });

    /// <summary>The first resolution asks "is it fixed?"; after a reopening, a new resolution only reports it.</summary>
    public MailMessage Resolved(CitizenReport report, string partnerName, int reopenings, DateTimeOffset now)
    {
        if (reopenings > 0 || report.Feedback is not null)
        {
            return Mail($"{MailKey(report)}-resolved-{reopenings}", report, "resolvedSubject", "resolvedAgain", new() { ["partner"] = partnerName });
        }

        var feedbackToken = links.Issue(LinkPurpose.CitizenFeedback, report.Reference, CitizenReport.FeedbackWindow);
        return Mail($"{MailKey(report)}-resolved-0", report, "resolvedSubject", "resolved", new()
        {
            ["partner"] = partnerName,
            ["feedbackUntil"] = Day(DateOnly.FromDateTime(Time.BrusselsTime.ToLocal(now + CitizenReport.FeedbackWindow).DateTime), report.Language),
            ["feedbackUrl"] = StatusUrl(report, feedbackToken).ToString(),
        });
    }

    public MailMessage Closed(CitizenReport report) => Mail($"{MailKey(report)}-closed", report, "closedSubject", "closed", []);

    /// <summary>To the coordinator, when a "not fixed" does not reopen the dossier by itself.</summary>
    public MailMessage ReopenRequest(CitizenReport report, string dossierId, string reason, string coordinatorEmail)
    {
        var text = Templates["nl"];
        var values = Values(report, "nl", new() { ["dossier"] = dossierId, ["reason"] = reason });
        return new MailMessage($"{MailKey(report)}-reopen-request", coordinatorEmail, Fill(text["reopenRequestSubject"], values), Fill(text["reopenRequest"], values), "nl");
    }

    /// <summary>Mail ids are lower-case (the outbox's blob names); the reference makes them one per report.</summary>
    public static string MailKey(CitizenReport report) => report.Reference.ToLowerInvariant();

    /// <summary>The status page's address with a fresh status link (and, from the resolution mail, the feedback link).</summary>
    public Uri StatusUrl(CitizenReport report, string? feedbackToken = null)
    {
        var token = links.Issue(LinkPurpose.CitizenStatus, report.Reference, options.Value.StatusLinkLifetime);
        var query = $"?ref={report.Reference}&token={Uri.EscapeDataString(token)}&lang={report.Language}"
            + (feedbackToken is null ? "" : $"&feedback={Uri.EscapeDataString(feedbackToken)}");
        return new Uri(app.Value.PublicUrl, "/report/status/" + query);
    }

    private MailMessage Mail(string id, CitizenReport report, string subjectKey, string bodyKey, Dictionary<string, string> extra)
    {
        var text = Templates[report.Language];
        var values = Values(report, report.Language, extra);
        values.TryAdd("statusUrl", StatusUrl(report).ToString());
        return new MailMessage(id, report.Email ?? throw new InvalidOperationException($"Report {report.Reference} has no e-mail address."),
            Fill(text[subjectKey], values), Fill(text[bodyKey], values), report.Language);
    }

    private Dictionary<string, string> Values(CitizenReport report, string language, Dictionary<string, string> extra)
    {
        var values = new Dictionary<string, string>(extra)
        {
            ["reference"] = report.Reference,
            ["category"] = categories.Find(report.Category)?.Label(language) ?? report.Category,
            ["site"] = app.Value.PublicUrl.ToString(),
        };
        return values;
    }

    private static string Day(DateOnly day, string language) =>
        day.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo(Templates[language]["culture"]));

    private static string Fill(string template, Dictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : throw new InvalidDataException($"No value for {{{m.Groups[1].Value}}}."));

    private static Dictionary<string, Dictionary<string, string>> Load()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", "citizen-mails.json"));
        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream) ?? throw new InvalidDataException("citizen-mails.json is empty.");
    }

    [GeneratedRegex(@"\{([a-zA-Z]+)\}")]
    private static partial Regex Placeholder();
}
