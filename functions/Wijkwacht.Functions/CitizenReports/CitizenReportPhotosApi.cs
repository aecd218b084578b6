using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Audit;
using Wijkwacht.Identity;
using Wijkwacht.Observations;

namespace Wijkwacht.CitizenReports;

/// <summary>
/// Photos of a citizen's report, as the warden app sends them: the page gets a write-only URL for one blob,
/// uploads straight to Blob Storage, then asks for the photo to be confirmed, which checks it by content. With
/// the status link, for an hour after the report, three photos at most.
/// </summary>
internal static class CitizenReportPhotosApi
{
    public const int MaxPhotos = 3;

    public static readonly TimeSpan PhotoWindow = TimeSpan.FromHours(1);

    public static void MapCitizenReportPhotos(this RouteGroupBuilder linked)
    {
        linked.MapPost("/{id}/photos", RequestCitizenPhotoUpload).WithName(nameof(RequestCitizenPhotoUpload)).RequireSignedLink(LinkPurpose.CitizenStatus);
        linked.MapPost("/{id}/photos/{photoId:guid}/confirm", ConfirmCitizenPhoto).WithName(nameof(ConfirmCitizenPhoto)).RequireSignedLink(LinkPurpose.CitizenStatus);
    }

    private static async Task<Results<Created<PhotoUpload>, NotFound, ValidationProblem, ProblemHttpResult>> RequestCitizenPhotoUpload(
        string id, CitizenPhotoRequest request, CitizenReportStore reports, ObservationStore observations, PhotoStorage photos, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await reports.GetAsync(id, cancellationToken) is not { } report || (await observations.GetAsync(report.Report.Id, cancellationToken))?.Observation is not { } observation)
        {
            return TypedResults.NotFound();
        }

        if (request.PhotoId is null || request.PhotoId == Guid.Empty)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["photoId"] = ["The photo id must be a random UUID made by the client."] });
        }

        if (request.ContentType is null || !PhotoStorage.AllowedTypes.Contains(request.ContentType))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contentType"] = ["Use image/jpeg, image/png, image/webp or image/heic."] });
        }

        if (observation.Photos.All(p => p.PhotoId != request.PhotoId) && Refusal(observation, time) is { } refused)
        {
            return refused;
        }

        var (url, expiresAt) = await photos.UploadUrlAsync(observation.Id, request.PhotoId!.Value, cancellationToken);
        return TypedResults.Created(
            $"/api/citizen-reports/{id}/photos/{request.PhotoId}",
            new PhotoUpload(request.PhotoId.Value, url, expiresAt, new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob", ["Content-Type"] = request.ContentType! }));
    }

    private static async Task<Results<Ok<ConfirmedPhoto>, NotFound, ProblemHttpResult>> ConfirmCitizenPhoto(
        string id, Guid photoId, CitizenReportStore reports, ObservationStore observations, PhotoStorage photos, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        // Checking consumes the upload, so it is done once; an attempt that lost a race reuses its result.
        PhotoCheck? check = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await reports.GetAsync(id, cancellationToken) is not { } report || await observations.GetAsync(report.Report.Id, cancellationToken) is not { } stored)
            {
                return TypedResults.NotFound();
            }

            var observation = stored.Observation;
            if (observation.Photos.FirstOrDefault(p => p.PhotoId == photoId) is { } confirmed)
            {
                return TypedResults.Ok(new ConfirmedPhoto(confirmed.PhotoId, confirmed.ContentType, confirmed.Size)); // a retried confirmation
            }

            if (Refusal(observation, time) is { } refused)
            {
                await photos.DeleteAsync(observation.Id, photoId, cancellationToken);
                return refused;
            }

            check ??= await photos.CheckAsync(observation.Id, photoId, cancellationToken);
            if (check.Problem is not null)
            {
                return TypedResults.Problem(title: "This photo cannot be used.", detail: check.Problem, statusCode: StatusCodes.Status422UnprocessableEntity,
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["photo"] = [check.Problem] } });
            }

            var photo = new Photo(photoId, check.ContentType!, check.Size, time.GetUtcNow());
            if (await observations.ReplaceAsync(observation with { Photos = [.. observation.Photos, photo] }, stored.ETag, cancellationToken))
            {
                await audit.RecordAsync(AuditEntity.Observation, observation.Id.ToString(), "photo-added", new AuditActor(CitizenReportDesk.Reporter, "signed-link"), new { photoId, photo.ContentType, photo.Size }, cancellationToken);
                return TypedResults.Ok(new ConfirmedPhoto(photoId, photo.ContentType, photo.Size));
            }
        }

        return TypedResults.Problem(title: "The report keeps changing.", detail: "Try again in a moment.", statusCode: StatusCodes.Status409Conflict);
    }

    private static ProblemHttpResult? Refusal(Observation observation, TimeProvider time) =>
        time.GetUtcNow() > observation.RecordedAt + PhotoWindow
            ? TypedResults.Problem(title: "Photos can no longer be added.", detail: "Photos go with a report during the first hour.", statusCode: StatusCodes.Status409Conflict)
            : observation.Photos.Count >= MaxPhotos
                ? TypedResults.Problem(title: "This report has its three photos.", detail: "A report takes three photos at most.", statusCode: StatusCodes.Status409Conflict)
                : null;
}
