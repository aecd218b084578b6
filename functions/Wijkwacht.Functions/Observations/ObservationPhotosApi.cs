using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Audit;
using Wijkwacht.Identity;
using Wijkwacht.Problems;

namespace Wijkwacht.Observations;

/// <summary>Asks for a place to upload one photo; the photo id is made on the device, so asking again is harmless.</summary>
public sealed record PhotoUploadRequest(
    [property: Required] Guid? PhotoId,
    [property: Required, RegularExpression("^image/(jpeg|png|webp|heic)$", ErrorMessage = "Use image/jpeg, image/png, image/webp or image/heic.")] string? ContentType);

internal sealed record PhotoUpload(Guid PhotoId, Uri UploadUrl, DateTimeOffset ExpiresAt, IReadOnlyDictionary<string, string> Headers);

internal sealed record ConfirmedPhoto(Guid PhotoId, string ContentType, long Size);

/// <summary>
/// Photos of an observation, at most five: the device gets a write-only URL for one blob, uploads straight to
/// Blob Storage, then asks for the photo to be confirmed, which checks what was uploaded by its content.
/// </summary>
internal static class ObservationPhotosApi
{
    public static void MapPhotos(this RouteGroupBuilder observations)
    {
        observations.MapPost("/{id:guid}/photos", RequestPhotoUpload).WithName(nameof(RequestPhotoUpload)).RequireAuthorization(Policies.RecordObservations);
        observations.MapPost("/{id:guid}/photos/{photoId:guid}/confirm", ConfirmPhoto).WithName(nameof(ConfirmPhoto)).RequireAuthorization(Policies.RecordObservations);
        observations.MapDelete("/{id:guid}/photos/{photoId:guid}", DeletePhoto).WithName(nameof(DeletePhoto)).RequireAuthorization(Policies.RecordObservations);
        observations.MapGet("/{id:guid}/photos/{photoId:guid}", GetPhoto).WithName(nameof(GetPhoto)).RequireAuthorization(Policies.ReadObservations);
    }

    private static async Task<Results<Created<PhotoUpload>, NotFound, ValidationProblem, ProblemHttpResult>> RequestPhotoUpload(
        Guid id, PhotoUploadRequest request, ClaimsPrincipal user, ObservationStore observations, PhotoStorage photos, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await observations.GetAsync(id, cancellationToken) is not { } stored || stored.Observation.WardenId != user.UserId())
        {
            return TypedResults.NotFound();
        }

        var observation = stored.Observation;
        var photoId = request.PhotoId!.Value;
        if (photoId == Guid.Empty)
        {
            return Problem.Invalid("photoId", ErrorCodes.NotUuid, "The photo id must be a random UUID made by the client.");
        }

        // A confirmed photo may be asked for again (a retry whose answers were lost): what is written then is
        // only an incoming blob that is never served, and its confirmation answers with the photo as confirmed.
        if (observation.Photos.All(p => p.PhotoId != photoId))
        {
            if (time.GetUtcNow() > observation.EditableUntil)
            {
                return TooLate();
            }

            if (observation.Photos.Count >= Observation.MaxPhotos)
            {
                return Problem.Conflict(ErrorCodes.PhotosFull, "This observation has its five photos.", "Remove a photo before adding another.");
            }
        }

        var (url, expiresAt) = await photos.UploadUrlAsync(id, photoId, cancellationToken);
        return TypedResults.Created(
            $"/api/observations/{id}/photos/{photoId}",
            new PhotoUpload(photoId, url, expiresAt, new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob", ["Content-Type"] = request.ContentType! }));
    }

    private static async Task<Results<Ok<ConfirmedPhoto>, NotFound, ValidationProblem, ProblemHttpResult>> ConfirmPhoto(
        Guid id, Guid photoId, ClaimsPrincipal user, ObservationStore observations, PhotoStorage photos, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        // Checking consumes the upload (it is copied to the served blob and removed), so it is done once: an attempt
        // that lost the race with another change to the observation (its forwarding, say) reuses the result.
        PhotoCheck? check = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await observations.GetAsync(id, cancellationToken) is not { } stored || stored.Observation.WardenId != user.UserId())
            {
                return TypedResults.NotFound();
            }

            var observation = stored.Observation;
            if (observation.Photos.FirstOrDefault(p => p.PhotoId == photoId) is { } confirmed)
            {
                await photos.DiscardUploadAsync(id, photoId, cancellationToken);
                return TypedResults.Ok(new ConfirmedPhoto(confirmed.PhotoId, confirmed.ContentType, confirmed.Size)); // a retried confirmation
            }

            if (observation.Photos.Count >= Observation.MaxPhotos)
            {
                await photos.DeleteAsync(id, photoId, cancellationToken);
                return Problem.Conflict(ErrorCodes.PhotosFull, "This observation has its five photos.", "Remove a photo before adding another.");
            }

            check ??= await photos.CheckAsync(id, photoId, cancellationToken);
            if (check.Problem is not null)
            {
                return Problem.Unusable("photo", ErrorCodes.PhotoUnusable, "This photo cannot be used.", check.Problem);
            }

            var photo = new Photo(photoId, check.ContentType!, check.Size, time.GetUtcNow());
            if (await observations.ReplaceAsync(observation with { Photos = [.. observation.Photos, photo] }, stored.ETag, cancellationToken))
            {
                await audit.RecordAsync(AuditEntity.Observation, id.ToString(), "photo-added", AuditActor.From(user), new { photoId, photo.ContentType, photo.Size }, cancellationToken);
                return TypedResults.Ok(new ConfirmedPhoto(photoId, photo.ContentType, photo.Size));
            }
        }

        return Problem.KeepsChanging("observation");
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeletePhoto(
        Guid id, Guid photoId, ClaimsPrincipal user, ObservationStore observations, PhotoStorage photos, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await observations.GetAsync(id, cancellationToken) is not { } stored || stored.Observation.WardenId != user.UserId())
            {
                return TypedResults.NotFound();
            }

            var observation = stored.Observation;
            if (observation.Photos.All(p => p.PhotoId != photoId))
            {
                await photos.DeleteAsync(id, photoId, cancellationToken); // an upload never confirmed
                return TypedResults.NoContent();
            }

            if (time.GetUtcNow() > observation.EditableUntil)
            {
                return TooLate();
            }

            if (await observations.ReplaceAsync(observation with { Photos = [.. observation.Photos.Where(p => p.PhotoId != photoId)] }, stored.ETag, cancellationToken))
            {
                await photos.DeleteAsync(id, photoId, cancellationToken);
                await audit.RecordAsync(AuditEntity.Observation, id.ToString(), "photo-removed", AuditActor.From(user), new { photoId }, cancellationToken);
                return TypedResults.NoContent();
            }
        }

        return Problem.KeepsChanging("observation");
    }

    /// <summary>Redirects to a read URL valid for five minutes, for those who may see the observation.</summary>
    private static async Task<Results<RedirectHttpResult, NotFound>> GetPhoto(
        Guid id, Guid photoId, ClaimsPrincipal user, ObservationStore observations, PhotoStorage photos, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await observations.GetAsync(id, cancellationToken) is not { } stored
            || !ObservationsApi.MayRead(user, stored.Observation)
            || stored.Observation.Photos.All(p => p.PhotoId != photoId))
        {
            return TypedResults.NotFound();
        }

        response.Headers.CacheControl = "no-store";
        return TypedResults.Redirect((await photos.ReadUrlAsync(id, photoId, cancellationToken)).ToString());
    }

    private static ProblemHttpResult TooLate() => Problem.Conflict(
        ErrorCodes.CorrectionTooLate, "The time to correct this observation has passed.", "Photos can be added or removed by the author for 24 hours.");
}
