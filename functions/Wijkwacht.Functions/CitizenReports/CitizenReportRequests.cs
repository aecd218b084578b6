using System.ComponentModel.DataAnnotations;

namespace Wijkwacht.CitizenReports;

/// <summary>
/// A citizen's report from the website. Public, as .NET's validation generator only validates public request
/// types. <see cref="Website"/> is a honeypot: the page hides it from people, so only a robot fills it in.
/// </summary>
public sealed record CitizenReportRequest
{
    [Required, StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a category code such as illegal-dumping.")]
    public string? Category { get; init; }

    [StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a sub-category code.")]
    public string? Subcategory { get; init; }

    [Required, Range(-90, 90)]
    public double? Latitude { get; init; }

    [Required, Range(-180, 180)]
    public double? Longitude { get; init; }

    [StringLength(200)]
    public string? Address { get; init; }

    [Required, StringLength(2000, MinimumLength = 5)]
    public string? Description { get; init; }

    [StringLength(254), EmailAddress]
    public string? Email { get; init; }

    [StringLength(20), RegularExpression(@"^\+?[0-9][0-9 ./-]{5,18}$", ErrorMessage = "Use digits, spaces and an optional + in front.")]
    public string? Phone { get; init; }

    [Required, RegularExpression("^(nl|fr|en)$", ErrorMessage = "Use nl, fr or en.")]
    public string? Language { get; init; }

    [StringLength(200)]
    public string? Website { get; init; }
}

/// <summary>
/// The answer to "is it fixed?". Checked in the handler, not by annotations: validation would otherwise answer
/// before the signed link is checked, and tell a caller without a link what the form takes.
/// </summary>
public sealed record CitizenFeedbackRequest(bool? Fixed, string? Reason, string? Comment)
{
    public static readonly string[] Reasons = ["not-done", "partly-done", "came-back", "other"];

    public Dictionary<string, string[]> Check()
    {
        var errors = new Dictionary<string, string[]>();
        if (Fixed is null)
        {
            errors["fixed"] = ["Say whether it is fixed: true or false."];
        }

        if (Reason is not null && !Reasons.Contains(Reason))
        {
            errors["reason"] = ["Use not-done, partly-done, came-back or other."];
        }
        else if (Fixed == false && Reason is null)
        {
            errors["reason"] = ["Say why it is not fixed: not-done, partly-done, came-back or other."];
        }

        if (Comment is { Length: > 1000 })
        {
            errors["comment"] = ["Keep the comment under 1000 characters."];
        }

        return errors;
    }
}

/// <summary>A photo to add to a report; checked in the handler, after the link (see <see cref="CitizenFeedbackRequest"/>).</summary>
public sealed record CitizenPhotoRequest(Guid? PhotoId, string? ContentType);

/// <summary>The nearby query: open reports of a category around a point.</summary>
public sealed record NearbyQuery(
    [property: Required, Range(-90, 90)] double? Lat,
    [property: Required, Range(-180, 180)] double? Lon,
    [property: Required, StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a category code such as illegal-dumping.")] string? Category);

/// <summary>Whose answers to count: a partner id.</summary>
public sealed record FeedbackQuery(
    [property: Required, StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a partner id such as net-brussel.")] string? Partner);

internal sealed record FeedbackCount(string Category, int Fixed, int NotFixed);

internal sealed record CitizenReportReceipt(string Reference, Uri StatusUrl, DateOnly ExpectedAnswerBy, bool AcknowledgementMailed);

/// <summary>What the citizen sees through their link: their own report and its public progress, nothing else.</summary>
internal sealed record CitizenReportStatus(
    string Reference,
    string Category,
    string CategoryLabel,
    string Status,
    string? Description,
    string? Address,
    double Latitude,
    double Longitude,
    int Photos,
    DateTimeOffset SubmittedAt,
    DateOnly ExpectedAnswerBy,
    DateTimeOffset? ForwardedAt,
    string? HandledBy,
    DateTimeOffset? ClosedAt,
    string? PublicNote,
    string? Feedback,
    bool FeedbackOpen);

/// <summary>An open problem near a place: no reference, text or reporter, only that it is known and being handled.</summary>
internal sealed record NearbyReport(string Category, int DistanceMeters, DateOnly ReportedOn, string Status);

internal sealed record CitizenReportExport(string Reference, string Category, string Channel, string? Email, string? Phone, string Language, DateTimeOffset SubmittedAt, bool? Fixed, string? FeedbackComment);
