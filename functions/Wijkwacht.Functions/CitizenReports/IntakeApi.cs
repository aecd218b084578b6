using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wijkwacht.Audit;
using Wijkwacht.Dossiers;
using Wijkwacht.Geography;
using Wijkwacht.Identity;
using Wijkwacht.Observations;

namespace Wijkwacht.CitizenReports;

/// <summary>A report staff received by phone, letter, e-mail, social media, a street mailbox or another service.</summary>
public sealed record IntakeRequest
{
    [Required, RegularExpression("^(phone|letter|email|social-media|street-mailbox|other-service)$",
        ErrorMessage = "Use phone, letter, email, social-media, street-mailbox or other-service.")]
    public string? Channel { get; init; }

    /// <summary>When the city received it (the date on the letter, the time of the call).</summary>
    [Required]
    public DateTimeOffset? ReceivedAt { get; init; }

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

    /// <summary>The reporter's language, for the acknowledgement when an address is known.</summary>
    [Required, RegularExpression("^(nl|fr|en)$", ErrorMessage = "Use nl, fr or en.")]
    public string? Language { get; init; }

    internal CitizenReportRequest AsReport() => new()
    {
        Category = Category,
        Subcategory = Subcategory,
        Latitude = Latitude,
        Longitude = Longitude,
        Address = Address,
        Description = Description,
        Email = Email,
        Phone = Phone,
        Language = Language,
    };
}

/// <summary>An open dossier that may be about the same problem: for the coordinator to link or close.</summary>
internal sealed record PossibleDuplicate(string DossierId, int DistanceMeters, DateTimeOffset OpenedAt, string Status);

internal sealed record IntakeReceipt(string Reference, Uri StatusUrl, DateOnly ExpectedAnswerBy, bool AcknowledgementMailed, IReadOnlyList<PossibleDuplicate> PossibleDuplicates);

/// <summary>
/// Staff enter the reports that reach the city by other channels; they follow the citizen's flow from there
/// (dossier, forwarding, the reporter's mails when an address is known). Open dossiers of the same category
/// within 50 m from the 14 days before are suggested as possible duplicates.
/// </summary>
internal static class IntakeApi
{
    public const double DuplicateRadiusMeters = 50;

    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromDays(14);

    public static void MapIntake(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/intake").WithTags("Citizen reports").RequireAuthorization(Policies.FollowDossiers)
            .MapPost("/", EnterReport).WithName(nameof(EnterReport));
    }

    private static async Task<Results<Created<IntakeReceipt>, Ok<IntakeReceipt>, ValidationProblem, ProblemHttpResult>> EnterReport(
        IntakeRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        CategoryCatalogue catalogue,
        Neighbourhoods neighbourhoods,
        CitizenReportDesk desk,
        CitizenReportMails mails,
        NearbyDossiers nearby,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var report = request.AsReport();
        var errors = CitizenReportsApi.Check(report, idempotencyKey, catalogue, neighbourhoods);
        var receivedAt = request.ReceivedAt!.Value;
        if (receivedAt > time.GetUtcNow() + Observation.MaxClockSkew)
        {
            errors["receivedAt"] = ["The date received cannot be in the future."];
        }
        else if (receivedAt < time.GetUtcNow() - Observation.MaxAge)
        {
            errors["receivedAt"] = [$"Reports older than {Observation.MaxAge.Days} days cannot be entered."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Looked up before the report goes in, so the answer lists what was there already, whatever the forwarding does next.
        var found = await nearby.OpenNearAsync(request.Category!, request.Latitude!.Value, request.Longitude!.Value, DuplicateRadiusMeters, receivedAt - DuplicateWindow, max: 10, cancellationToken);
        var submission = await desk.SubmitAsync(report, request.Channel!, receivedAt, idempotencyKey, AuditActor.From(user), cancellationToken);
        if (submission.Outcome == SubmissionOutcome.KeyReused)
        {
            return TypedResults.Problem(title: "This Idempotency-Key was used for another report.", detail: "Send a new random key with every new report.", statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var stored = submission.Report!;
        var receipt = new IntakeReceipt(stored.Reference, mails.StatusUrl(stored), stored.ExpectedAnswerBy, submission.AcknowledgementMailed,
            [.. found.Where(f => f.Dossier.Id != Dossier.IdFor(stored.Id))
                .Select(f => new PossibleDuplicate(f.Dossier.Id, (int)Math.Round(f.Meters), f.Dossier.CreatedAt, CitizenReportProgress.PublicStatus(f.Dossier)))]);
        return submission.Outcome == SubmissionOutcome.Created
            ? TypedResults.Created($"/api/citizen-reports/{stored.Reference}", receipt)
            : TypedResults.Ok(receipt);
    }
}
