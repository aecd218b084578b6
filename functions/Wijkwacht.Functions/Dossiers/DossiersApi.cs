using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wijkwacht.Audit;
using Wijkwacht.Identity;
using Wijkwacht.Partners;
using Wijkwacht.Storage;

namespace Wijkwacht.Dossiers;

internal static class DossiersApi
{
    public static void AddDossiers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AppOptions>().BindConfiguration("App");
        services.AddSingleton<DossierStore>();
        services.AddSingleton<DossierIndex>();
        services.AddSingleton<NearbyDossiers>();
        services.AddOptions<LinkingOptions>().BindConfiguration("Linking");
        services.AddSingleton<DossierMails>();
        services.AddSingleton<Forwarding>();
        services.AddSingleton<DossierFollowUp>();
        services.AddSingleton<FollowUpPlan>();
        services.AddSingleton<FollowUpReconciliation>();
        services.AddSingleton<DossierTransitions>();
        services.AddSingleton<PartnerDossierReader>();
        services.AddSingleton<DossierWebhookPayloads>();
    }

    public static void MapDossiers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dossiers").WithTags("Dossiers").RequireAuthorization(Policies.FollowDossiers);

        group.MapGet("/", ListDossiers).WithName(nameof(ListDossiers));
        group.MapGet("/{id:guid}", GetDossier).WithName(nameof(GetDossier));
        group.MapPost("/{id:guid}/transitions", TransitionDossier).WithName(nameof(TransitionDossier));
    }

    /// <summary>Dossiers newest first, filtered by status, partner and being overdue; pages of at most 200.</summary>
    private static async Task<Results<Ok<DossierPage>, ValidationProblem>> ListDossiers([AsParameters] DossierListQuery query, DossierIndex index, CancellationToken cancellationToken)
    {
        DossierStatus? status = query.Status is null ? null : Enum.Parse<DossierStatus>(query.Status.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
        var page = await index.ListAsync(status, query.Partner, query.Overdue == "true", query.PageSize ?? 50, query.ContinuationToken, cancellationToken);
        return page is null
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["continuationToken"] = ["Use the continuationToken of the previous page."] })
            : TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<DossierResponse>, NotFound>> GetDossier(Guid id, DossierStore dossiers, HttpResponse response, CancellationToken cancellationToken)
    {
        var stored = await dossiers.GetAsync(id.ToString(), cancellationToken);
        if (stored is null)
        {
            return TypedResults.NotFound();
        }

        response.Headers.ETag = stored.ETag.ToString();
        return TypedResults.Ok(DossierResponse.From(stored));
    }

    /// <summary>Changes a dossier's status; If-Match makes a change someone else made meanwhile a 412.</summary>
    private static async Task<Results<Ok<DossierResponse>, NotFound, ValidationProblem, ProblemHttpResult>> TransitionDossier(
        Guid id,
        TransitionRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user,
        DossierTransitions transitions,
        PartnerStore partners,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (request.To is DossierStatus.New or DossierStatus.Forwarded)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["Only the system sets a dossier to new or forwarded."] });
        }

        if (request.To == DossierStatus.Reassigned && (request.PartnerId is null || await partners.GetAsync(request.PartnerId, cancellationToken) is null))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["partnerId"] = ["Name the partner the dossier goes to."] });
        }

        var (outcome, dossier) = request.To == DossierStatus.Reassigned
            ? await transitions.ReassignAsync(id.ToString(), request.PartnerId!, request.Reason, AuditActor.From(user), ifMatch, cancellationToken)
            : await transitions.MoveAsync(id.ToString(), request.To!.Value, request.Reason, AuditActor.From(user), ifMatch, cancellationToken);
        switch (outcome)
        {
            case TransitionOutcome.Done:
                response.Headers.ETag = dossier!.ETag.ToString();
                return TypedResults.Ok(DossierResponse.From(dossier));
            case TransitionOutcome.NotFound:
                return TypedResults.NotFound();
            case TransitionOutcome.ChangedMeanwhile:
                return PreconditionFailed();
            default:
                return TypedResults.Problem(title: "The dossier keeps changing.", detail: "Try again in a moment.", statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static ProblemHttpResult PreconditionFailed() => TypedResults.Problem(
        title: "The dossier changed meanwhile.",
        detail: "Someone else changed this dossier since you loaded it. Reload it and try again.",
        statusCode: StatusCodes.Status412PreconditionFailed);
}
