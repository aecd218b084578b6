using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Audit;
using Wijkwacht.Bookings;
using Wijkwacht.CitizenReports;
using Wijkwacht.Identity;
using Wijkwacht.Problems;

namespace Wijkwacht.Privacy;

/// <summary>Everything held about one person, for a GDPR access request (article 15).</summary>
internal sealed record PersonalDataExport(string Email, DateTimeOffset GeneratedAt, IReadOnlyList<BookingView> Bookings, IReadOnlyList<CitizenReportExport> CitizenReports);

internal static class PrivacyApi
{
    public static void AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration("Retention")
            .Validate(o => o.Months is >= 1 and <= 120, "Retention:Months is 1 to 120.")
            .ValidateOnStart();
        builder.Services.AddSingleton<Retention>();
    }

    public static void MapPrivacy(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/privacy").WithTags("Privacy").RequireAuthorization(Policies.ReadAudit)
            .MapGet("/export", ExportPersonalData).WithName(nameof(ExportPersonalData));
    }

    /// <summary>The bookings and citizen reports held for an e-mail address, with all their details; the export itself is audited.</summary>
    private static async Task<Results<Ok<PersonalDataExport>, ValidationProblem>> ExportPersonalData(
        string? email, ClaimsPrincipal user, BookingStore bookings, CitizenReportStore citizenReports, OfficerDirectory officers, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254 || !new EmailAddressAttribute().IsValid(email))
        {
            return Problem.Invalid("email", ErrorCodes.Required, "Give the e-mail address the request is about.");
        }

        var found = await bookings.ForEmailAsync(email.Trim(), cancellationToken);
        var now = time.GetUtcNow();
        foreach (var booking in found)
        {
            await audit.RecordAsync(AuditEntity.Booking, booking.Id.ToString(), "personal-data-exported", AuditActor.From(user), null, cancellationToken);
        }

        var reports = await citizenReports.ForEmailAsync(email.Trim(), cancellationToken);
        foreach (var report in reports)
        {
            await audit.RecordAsync(AuditEntity.Observation, report.Id.ToString(), "personal-data-exported", AuditActor.From(user), new { report.Reference }, cancellationToken);
        }

        return TypedResults.Ok(new PersonalDataExport(email.Trim(), now, [.. found.Select(b => BookingView.From(b, officers, now))],
            [.. reports.Select(r => new CitizenReportExport(r.Reference, r.Category, r.Channel, r.Email, r.Phone, r.Language, r.SubmittedAt, r.Feedback?.Fixed, r.Feedback?.Comment))]));
    }
}
