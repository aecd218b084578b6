using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Audit;
using Wijkwacht.Identity;
using Wijkwacht.Observations;
using Wijkwacht.Partners;
using Wijkwacht.Problems;

namespace Wijkwacht.Dossiers;

/// <summary>What a partner may add when acting: a note, or (to reject) the reason.</summary>
/// <summary>What a partner may add when acting: a note (to reject, the reason), and on resolving a photo it uploaded.</summary>
public sealed record PartnerActionRequest([property: StringLength(2000)] string? Note, Guid? PhotoId = null);

internal sealed record PartnerObservationView(Guid Id, DateTimeOffset ObservedAt, double Latitude, double Longitude, string? Description, IReadOnlyList<Guid> Photos);

/// <summary>
/// A photo upload asked for through a partner link. Checked by hand after the link, not by the validation
/// filter before it, so a request without a valid link learns nothing.
/// </summary>
internal sealed record PartnerPhotoRequest(Guid? PhotoId, string? ContentType);

/// <summary>Where to show one photo: a read URL for a few minutes, so the page never puts the link's token in an image address.</summary>
internal sealed record PartnerPhotoUrl(Uri Url, DateTimeOffset ExpiresAt);

/// <summary>A dossier as its partner sees it: the facts and the history, nothing about who observed it.</summary>
internal sealed record PartnerDossierView(
    string Id,
    DossierStatus Status,
    string Category,
    string CategoryLabel,
    string PartnerName,
    string Language,
    DateTimeOffset? ForwardedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ClosedAt,
    string? RejectionReason,
    IReadOnlyList<PartnerObservationView> Observations,
    IReadOnlyList<TransitionView> History,
    IReadOnlyList<string> AllowedActions);

/// <summary>
/// The partner side, for services without an account: every call carries the signed link's token, which opens
/// one dossier. A bad, expired, re-purposed or revoked token gets the same answer as a link to nothing.
/// </summary>
internal static class PartnerDossiersApi
{
    private static readonly Dictionary<string, DossierStatus> Actions = new()
    {
        ["acknowledge"] = DossierStatus.Acknowledged,
        ["progress"] = DossierStatus.InProgress,
        ["resolve"] = DossierStatus.Resolved,
        ["reject"] = DossierStatus.Rejected,
    };

    public static void MapPartnerDossiers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/partner/dossiers").WithTags("Partner").AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .RequireSignedLink(LinkPurpose.PartnerDossier);
        group.MapGet("/{id:guid}", GetPartnerDossier).WithName(nameof(GetPartnerDossier));
        group.MapGet("/{id:guid}/photos/{photoId:guid}", GetPartnerDossierPhoto).WithName(nameof(GetPartnerDossierPhoto));
        group.MapPost("/{id:guid}/photos", RequestPartnerPhotoUpload).WithName(nameof(RequestPartnerPhotoUpload));
        foreach (var action in Actions.Keys)
        {
            group.MapPost($"/{{id:guid}}/{action}", (Guid id, PartnerActionRequest? request, PhotoStorage photos, DossierStore dossiers, DossierTransitions transitions,
                    PartnerDossierReader reader, CancellationToken ct) => ActOnPartnerDossier(id, action, request, photos, dossiers, transitions, reader, ct))
                .WithName($"PartnerDossier{char.ToUpperInvariant(action[0])}{action[1..]}");
        }
    }

    private static async Task<Results<Ok<PartnerDossierView>, NotFound, ProblemHttpResult>> GetPartnerDossier(
        Guid id, PartnerDossierReader reader, CancellationToken cancellationToken)
    {
        return await reader.ReadAsync(id.ToString(), cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
    }

    /// <summary>A write-only address for one photo of the result, to send with "resolve".</summary>
    private static async Task<Results<Created<PhotoUpload>, NotFound, ValidationProblem, ProblemHttpResult>> RequestPartnerPhotoUpload(
        Guid id, PartnerPhotoRequest request, DossierStore dossiers, PhotoStorage photos, CancellationToken cancellationToken)
    {
        if (await dossiers.GetAsync(id.ToString(), cancellationToken) is not { } stored)
        {
            return TypedResults.NotFound();
        }

        if (!stored.Dossier.NextStatuses.Contains(DossierStatus.Resolved))
        {
            return TypedResults.Problem(title: "Illegal dossier transition.", detail: $"A dossier that is {stored.Dossier.Status} cannot be resolved.", statusCode: StatusCodes.Status409Conflict);
        }

        if (request.PhotoId is null || request.PhotoId == Guid.Empty)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["photoId"] = ["The photo id must be a random UUID made by the client."] });
        }

        if (request.ContentType is null || !PhotoStorage.AllowedTypes.Contains(request.ContentType))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contentType"] = ["Use image/jpeg, image/png, image/webp or image/heic."] });
        }

        var (url, expiresAt) = await photos.UploadUrlAsync(PhotoStorage.DossierScope(id.ToString()), request.PhotoId.Value, cancellationToken);
        return TypedResults.Created(
            $"/api/partner/dossiers/{id}/photos/{request.PhotoId}",
            new PhotoUpload(request.PhotoId.Value, url, expiresAt, new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob", ["Content-Type"] = request.ContentType! }));
    }

    private static async Task<Results<Ok<PartnerPhotoUrl>, NotFound, ProblemHttpResult>> GetPartnerDossierPhoto(
        Guid id, Guid photoId, DossierStore dossiers, ObservationStore observations, PhotoStorage photos, TimeProvider time, CancellationToken cancellationToken)
    {
        var stored = await dossiers.GetAsync(id.ToString(), cancellationToken);
        if (stored?.Events.Any(e => e.Photo == photoId) == true)
        {
            return TypedResults.Ok(new PartnerPhotoUrl(await photos.ReadUrlAsync(PhotoStorage.DossierScope(id.ToString()), photoId, cancellationToken), time.GetUtcNow() + PhotoStorage.ReadLifetime));
        }

        foreach (var observationId in stored?.Dossier.ObservationIds ?? [])
        {
            if ((await observations.GetAsync(observationId, cancellationToken))?.Observation.Photos.Any(p => p.PhotoId == photoId) == true)
            {
                return TypedResults.Ok(new PartnerPhotoUrl(await photos.ReadUrlAsync(observationId, photoId, cancellationToken), time.GetUtcNow() + PhotoStorage.ReadLifetime));
            }
        }

        return TypedResults.NotFound();
    }

    private static async Task<Results<Ok<PartnerDossierView>, NotFound, ValidationProblem, ProblemHttpResult>> ActOnPartnerDossier(
        Guid id, string action, PartnerActionRequest? request, PhotoStorage photos, DossierStore dossiers, DossierTransitions transitions,
        PartnerDossierReader reader, CancellationToken cancellationToken)
    {
        if (request?.Note is { Length: > 2000 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["Keep the note under 2000 characters."] });
        }

        if (request?.PhotoId is { } photoId)
        {
            if (action != "resolve")
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["photoId"] = ["A photo goes with resolving only."] });
            }

            var check = await photos.CheckAsync(PhotoStorage.DossierScope(id.ToString()), photoId, cancellationToken);
            if (check.Problem is not null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["photoId"] = [check.Problem] });
            }
        }

        var partnerId = (await dossiers.GetAsync(id.ToString(), cancellationToken))?.Dossier.PartnerId;
        if (partnerId is null)
        {
            return TypedResults.NotFound();
        }

        var actor = new AuditActor($"partner:{partnerId}", "signed-link");
        var (outcome, _) = await transitions
            .MoveAsync(id.ToString(), Actions[action], request?.Note, actor, expectedETag: null, cancellationToken, request?.PhotoId);
        if (outcome != TransitionOutcome.Done)
        {
            return TypedResults.Problem(title: "The dossier keeps changing.", detail: "Try again in a moment.", statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.Ok((await reader.ReadAsync(id.ToString(), cancellationToken))!);
    }

    public static string? ActionFor(DossierStatus status) => Actions.FirstOrDefault(a => a.Value == status).Key;
}

/// <summary>Puts together the partner's view of a dossier.</summary>
internal sealed class PartnerDossierReader(DossierStore dossiers, ObservationStore observations, PartnerStore partners, CategoryCatalogue categories)
{
    public async Task<PartnerDossierView?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        if (await dossiers.GetAsync(id, cancellationToken) is not { } stored)
        {
            return null;
        }

        var d = stored.Dossier;
        var partner = (await partners.GetAsync(d.PartnerId, cancellationToken))?.Partner;
        var language = partner?.Language ?? "nl";
        var observed = new List<PartnerObservationView>();
        foreach (var observationId in d.ObservationIds)
        {
            if ((await observations.GetAsync(observationId, cancellationToken))?.Observation is { } o)
            {
                observed.Add(new PartnerObservationView(o.Id, o.ObservedAt, o.Latitude, o.Longitude, o.Description, [.. o.Photos.Select(p => p.PhotoId)]));
            }
        }

        var response = DossierResponse.From(stored);
        return new PartnerDossierView(
            d.Id, d.Status, d.Category, categories.Find(d.Category)?.Label(language) ?? d.Category, partner?.Name ?? d.PartnerId, language,
            d.ForwardedAt, d.AcknowledgedAt, d.ClosedAt, d.RejectionReason, observed,
            [.. response.History.Select(h => h with { By = h.By.StartsWith("partner:", StringComparison.Ordinal) ? "partner" : "coordinator" })],
            [.. d.NextStatuses.Select(PartnerDossiersApi.ActionFor).OfType<string>()]);
    }
}
