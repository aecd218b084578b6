using System.ComponentModel.DataAnnotations;

namespace Wijkwacht.Partners;

/// <summary>
/// A partner service that acts on dossiers (public cleanliness, green spaces, public works, police, …): how to
/// reach it, in which language, and how fast it promised to act per category.
/// </summary>
internal sealed record Partner(
    string Id,
    string Name,
    string Language,
    string? Email,
    Uri? WebhookUrl,
    IReadOnlyList<ServiceLevel> ServiceLevels)
{
    /// <summary>The service level for a category: its own, else the partner's "*" level, else the default.</summary>
    public ServiceLevel ServiceLevelFor(string category) =>
        ServiceLevels.FirstOrDefault(l => l.Category == category)
        ?? ServiceLevels.FirstOrDefault(l => l.Category == RoutingRule.Any)
        ?? ServiceLevel.Default;
}

/// <summary>
/// Working days a partner has to acknowledge and to resolve a dossier of a category ("*" for any), and, where
/// this partner and category need other gaps than the municipality's, the working days from the first reminder
/// to the second and from the second to the escalation.
/// </summary>
internal sealed record ServiceLevel(
    string Category,
    int AcknowledgeWithinWorkingDays,
    int ResolveWithinWorkingDays,
    int? SecondReminderAfterWorkingDays = null,
    int? EscalateAfterWorkingDays = null)
{
    // Seed 003: every message gets an answer within two working days.
    public static readonly ServiceLevel Default = new(RoutingRule.Any, 2, 10);
}

/// <summary>A partner as a coordinator creates or replaces it. The id is only read on create.</summary>
public sealed record PartnerRequest(
    [property: StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use lower-case letters, digits and hyphens, e.g. net-brussel.")] string? Id,
    [property: Required, StringLength(200, MinimumLength = 2)] string? Name,
    [property: Required, RegularExpression("^(nl|fr|en)$", ErrorMessage = "Use nl, fr or en.")] string? Language,
    [property: StringLength(254), EmailAddress] string? Email,
    [property: StringLength(2000)] string? WebhookUrl,
    [property: MaxLength(50)] IReadOnlyList<ServiceLevelRequest>? ServiceLevels,
    bool RotateWebhookSecret = false);

public sealed record ServiceLevelRequest(
    [property: Required, StringLength(50), RegularExpression(@"^(\*|[a-z0-9]+(-[a-z0-9]+)*)$", ErrorMessage = "Use a category code or *.")] string? Category,
    [property: Required, Range(1, 60)] int? AcknowledgeWithinWorkingDays,
    [property: Required, Range(1, 365)] int? ResolveWithinWorkingDays,
    [property: Range(1, 30)] int? SecondReminderAfterWorkingDays = null,
    [property: Range(1, 30)] int? EscalateAfterWorkingDays = null);

internal sealed record PartnerResponse(
    string Id,
    string Name,
    string Language,
    string? Email,
    Uri? WebhookUrl,
    IReadOnlyList<ServiceLevel> ServiceLevels,
    string? WebhookSecret = null)
{
    /// <summary>The webhook secret is shown once, when it is made; afterwards only the partner has it.</summary>
    public static PartnerResponse From(Partner p, string? newWebhookSecret = null) =>
        new(p.Id, p.Name, p.Language, p.Email, p.WebhookUrl, p.ServiceLevels, newWebhookSecret);
}
