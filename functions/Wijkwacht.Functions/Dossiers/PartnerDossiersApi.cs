using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Audit;
using Wijkwacht.Identity;
using Wijkwacht.Observations;
using Wijkwacht.Partners;

namespace Wijkwacht.Dossiers;

/// <summary>What a partner may add when acting: a note, or (to reject) the reason.</summary>
public sealed record PartnerActionRequest([property: StringLength(2000)] string? Note);

internal sealed record PartnerObservationView(DateTimeOffset ObservedAt, double Latitude, double Longitude, string? Description);

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
        var group = app.MapGroup("/api/partner/dossiers").WithTags("Partner").AllowAnonymous();
        group.MapGet("/{id:guid}", GetPartnerDossier).WithName(nameof(GetPartnerDossier));
        foreach (var action in Actions.Keys)
        {
            group.MapPost($"/{{id:guid}}/{action}", (Guid id, string? token, PartnerActionRequest? request, HttpContext context, CancellationToken ct) =>
                    ActOnPartnerDossier(id, token, action, request, context.RequestServices, ct))
                .WithName($"PartnerDossier{char.ToUpperInvariant(action[0])}{action[1..]}");
        }
    }

    private static async Task<Results<Ok<PartnerDossierView>, NotFound, ProblemHttpResult>> GetPartnerDossier(
        Guid id, string? token, SignedLinks links, PartnerDossierReader reader, CancellationToken cancellationToken)
    {
        if (!await links.IsValidAsync(token, LinkPurpose.PartnerDossier, id.ToString(), cancellationToken))
        {
            return InvalidLink();
        }

        return await reader.ReadAsync(id.ToString(), cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<PartnerDossierView>, NotFound, ValidationProblem, ProblemHttpResult>> ActOnPartnerDossier(
        Guid id, string? token, string action, PartnerActionRequest? request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var links = services.GetRequiredService<SignedLinks>();
        if (!await links.IsValidAsync(token, LinkPurpose.PartnerDossier, id.ToString(), cancellationToken))
        {
            return InvalidLink();
        }

        if (request?.Note is { Length: > 2000 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["Keep the note under 2000 characters."] });
        }

        var dossiers = services.GetRequiredService<DossierStore>();
        var partnerId = (await dossiers.GetAsync(id.ToString(), cancellationToken))?.Dossier.PartnerId;
        if (partnerId is null)
        {
            return TypedResults.NotFound();
        }

        var actor = new AuditActor($"partner:{partnerId}", "signed-link");
        var (outcome, _) = await services.GetRequiredService<DossierTransitions>()
            .MoveAsync(id.ToString(), Actions[action], request?.Note, actor, expectedETag: null, cancellationToken);
        if (outcome != TransitionOutcome.Done)
        {
            return TypedResults.Problem(title: "The dossier keeps changing.", detail: "Try again in a moment.", statusCode: StatusCodes.Status409Conflict);
        }

        return TypedResults.Ok((await services.GetRequiredService<PartnerDossierReader>().ReadAsync(id.ToString(), cancellationToken))!);
    }

    private static ProblemHttpResult InvalidLink() => TypedResults.Problem(
        title: "This link cannot be used.",
        detail: "The link is not valid, has expired or was withdrawn. Ask the coordinator who sent it for a new one.",
        statusCode: StatusCodes.Status403Forbidden);

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
                observed.Add(new PartnerObservationView(o.ObservedAt, o.Latitude, o.Longitude, o.Description));
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
