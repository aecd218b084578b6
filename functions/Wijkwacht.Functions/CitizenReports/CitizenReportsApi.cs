using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wijkwacht.Dossiers;
using Wijkwacht.Geography;
using Wijkwacht.Identity;
using Wijkwacht.Observations;
using Wijkwacht.Problems;

namespace Wijkwacht.CitizenReports;

/// <summary>
/// Citizens report a problem without an account, follow it through a signed link and say whether it was fixed.
/// The report becomes an observation in the wardens' forwarding and follow-up flow.
/// </summary>
internal static class CitizenReportsApi
{
    public static void AddCitizenReports(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CitizenReportOptions>().BindConfiguration("CitizenReports")
            .Validate(o => o.AnswerWorkingDays is >= 0 and <= 60 && o.CategoryAnswerWorkingDays.Values.All(d => d is >= 0 and <= 60),
                "CitizenReports:AnswerWorkingDays (and each CategoryAnswerWorkingDays) is 0 to 60 working days.")
            .Validate(o => o.MailsPerAddressPerDay is >= 1 and <= 100, "CitizenReports:MailsPerAddressPerDay is 1 to 100.")
            .ValidateOnStart();
        services.AddSingleton<CitizenReportStore>();
        services.AddSingleton<CitizenReportMails>();
        services.AddSingleton<CitizenReportDesk>();
        services.AddSingleton<CitizenReportProgress>();
        services.AddSingleton<CitizenFeedbackDesk>();
        services.AddDossierListener<CitizenReportProgress>((progress, dossier, ct) => progress.DossierChangedAsync(dossier, ct));
    }

    public static void MapCitizenReports(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/citizen-reports").WithTags("Citizen reports").AllowAnonymous();
        open.MapPost("/", SubmitCitizenReport).WithName(nameof(SubmitCitizenReport)).RequireRateLimiting(RateLimits.CitizenReports);
        open.MapGet("/nearby", ListNearbyReports).WithName(nameof(ListNearbyReports)).RequireRateLimiting(RateLimits.Public);

        // The reporter's side: the link is checked before anything else, so without a valid one every request gets the same answer.
        var linked = app.MapGroup("/api/citizen-reports").WithTags("Citizen reports").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        linked.MapGet("/{id}", GetCitizenReport).WithName(nameof(GetCitizenReport)).RequireSignedLink(LinkPurpose.CitizenStatus);
        linked.MapPost("/{id}/feedback", AnswerCitizenFeedback).WithName(nameof(AnswerCitizenFeedback)).RequireSignedLink(LinkPurpose.CitizenFeedback);
        linked.MapCitizenReportPhotos();

        app.MapGroup("/api/citizen-feedback").WithTags("Citizen reports").RequireAuthorization(Policies.FollowDossiers)
            .MapGet("/", ListCitizenFeedback).WithName(nameof(ListCitizenFeedback));
    }

    /// <summary>The answers to "is it fixed?" for one partner, per category: kept on write, read in one partition.</summary>
    private static async Task<Results<Ok<IReadOnlyList<FeedbackCount>>, ValidationProblem>> ListCitizenFeedback(
        [AsParameters] FeedbackQuery query, CitizenReportStore reports, CancellationToken cancellationToken)
    {
        var counts = await reports.FeedbackCountsAsync(query.Partner!, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<FeedbackCount>>([.. counts.Select(c => new FeedbackCount(c.Category, c.Fixed, c.NotFixed))]);
    }

    private static async Task<Results<Created<CitizenReportReceipt>, Ok<CitizenReportReceipt>, ValidationProblem, ProblemHttpResult>> SubmitCitizenReport(
        CitizenReportRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        CategoryCatalogue catalogue,
        Neighbourhoods neighbourhoods,
        CitizenReportDesk desk,
        CitizenReportMails mails,
        CancellationToken cancellationToken)
    {
        if (Check(request, idempotencyKey, catalogue, neighbourhoods) is { Count: > 0 } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var submission = await desk.SubmitAsync(request, idempotencyKey, cancellationToken);
        if (submission.Outcome == SubmissionOutcome.KeyReused)
        {
            return TypedResults.Problem(title: "This Idempotency-Key was used for another report.", detail: "Send a new random key with every new report.", statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var report = submission.Report!;
        var receipt = new CitizenReportReceipt(report.Reference, mails.StatusUrl(report), report.ExpectedAnswerBy, submission.AcknowledgementMailed);
        return submission.Outcome == SubmissionOutcome.Created
            ? TypedResults.Created($"/api/citizen-reports/{report.Reference}", receipt)
            : TypedResults.Ok(receipt);
    }

    /// <summary>Open problems of the same category around a place, so a citizen can see theirs is known already.</summary>
    private static async Task<Results<Ok<IReadOnlyList<NearbyReport>>, ValidationProblem>> ListNearbyReports(
        [AsParameters] NearbyQuery query, CategoryCatalogue catalogue, NearbyDossiers nearby, IOptions<CitizenReportOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (catalogue.Find(query.Category!) is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["category"] = ["This category does not exist."] });
        }

        var found = await nearby.OpenNearAsync(query.Category!, query.Lat!.Value, query.Lon!.Value, Math.Min(options.Value.NearbyRadiusMeters, 200),
            time.GetUtcNow() - options.Value.NearbyWindow, max: 10, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<NearbyReport>>([.. found.Select(f => new NearbyReport(
            f.Dossier.Category, (int)Math.Round(f.Meters), Time.BrusselsTime.Day(f.Dossier.CreatedAt), CitizenReportProgress.PublicStatus(f.Dossier)))]);
    }

    private static async Task<Results<Ok<CitizenReportStatus>, NotFound>> GetCitizenReport(string id, CitizenReportProgress progress, HttpResponse response, CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "no-store";
        return await progress.StatusAsync(id, cancellationToken) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<CitizenReportStatus>, NotFound, ValidationProblem, ProblemHttpResult>> AnswerCitizenFeedback(
        string id, CitizenFeedbackRequest request, CitizenFeedbackDesk feedback, CitizenReportProgress progress, CancellationToken cancellationToken)
    {
        var errors = request.Check();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await feedback.AnswerAsync(id, request, cancellationToken) switch
        {
            FeedbackOutcome.Recorded => TypedResults.Ok((await progress.StatusAsync(id, cancellationToken))!),
            FeedbackOutcome.NotOpen => TypedResults.Problem(title: "This report cannot be answered now.",
                detail: "An answer is possible once the problem is reported fixed, for 14 days.", statusCode: StatusCodes.Status409Conflict),
            FeedbackOutcome.AnsweredOtherwise => TypedResults.Problem(title: "This report was answered already.",
                detail: "Each report takes one answer. Contact the city if something changed.", statusCode: StatusCodes.Status409Conflict),
            FeedbackOutcome.KeepsChanging => TypedResults.Problem(title: "The report keeps changing.", detail: "Try again in a moment.", statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.NotFound(),
        };
    }

    public static Dictionary<string, string[]> Check(CitizenReportRequest r, string? idempotencyKey, CategoryCatalogue catalogue, Neighbourhoods neighbourhoods)
    {
        var errors = new Dictionary<string, string[]>();
        if (idempotencyKey is not null && (idempotencyKey.Length is < 8 or > 100 || !idempotencyKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            errors["idempotencyKey"] = ["Use a random UUID as Idempotency-Key."];
        }

        if (!string.IsNullOrEmpty(r.Website))
        {
            errors["website"] = ["Leave this field empty."];
        }

        var category = catalogue.Find(r.Category!);
        if (category is null)
        {
            errors["category"] = ["This category does not exist."];
        }
        else if (r.Subcategory is { Length: > 0 } sub && category.Subcategories.All(s => s.Code != sub))
        {
            errors["subcategory"] = ["This sub-category does not belong to the category."];
        }

        if (!neighbourhoods.Contains(r.Latitude!.Value, r.Longitude!.Value))
        {
            errors["latitude"] = ["This place is outside the municipality."];
        }

        return errors;
    }
}
