using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wijkwacht.Audit;
using Wijkwacht.Identity;
using Wijkwacht.Mail;
using Wijkwacht.Observations;
using Wijkwacht.Partners;
using Wijkwacht.Scheduling;
using Wijkwacht.Storage;

namespace Wijkwacht.Dossiers;

internal static class DossiersApi
{
    public static void AddDossiers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<DossierStore>();
        services.AddSingleton<DossierIndex>();
        services.AddSingleton<NearbyDossiers>();
        services.AddOptions<LinkingOptions>().BindConfiguration("Linking");
        services.AddSingleton<DossierMails>();
        services.AddSingleton<Forwarding>();
        services.AddSingleton<DossierFollowUp>();
        services.AddSingleton<FollowUpPlan>();
        services.AddOptions<FollowUpOptions>().BindConfiguration("FollowUp");
        services.AddSingleton<FollowUpReconciliation>();
        services.AddSingleton<DossierTransitions>();
        services.AddSingleton<PartnerDossierReader>();
        services.AddSingleton<DossierWebhookPayloads>();
        services.AddStepHandler<Forwarding>(ForwardingRequests.CheckKind, async (forwarding, step, ct) =>
            Guid.TryParse(step.TargetId, out var observationId) && await forwarding.ForwardAsync(observationId, ct) is { } dossierId
                ? $"in dossier {dossierId}"
                : "no such observation");
        services.AddStepHandler<DossierFollowUp>(DossierStepKinds.Acknowledgement, (followUp, step, ct) =>
            followUp.RunAsync(step.TargetId, Deadline.Acknowledgement, step.Step, step.DueAt, ct));
        services.AddStepHandler<DossierFollowUp>(DossierStepKinds.Resolution, (followUp, step, ct) =>
            followUp.RunAsync(step.TargetId, Deadline.Resolution, step.Step, step.DueAt, ct));
    }

    public static void MapDossiers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dossiers").WithTags("Dossiers").RequireAuthorization(Policies.FollowDossiers);

        group.MapGet("/", ListDossiers).WithName(nameof(ListDossiers));
        group.MapGet("/{id:guid}", GetDossier).WithName(nameof(GetDossier));
        group.MapPost("/{id:guid}/transitions", TransitionDossier).WithName(nameof(TransitionDossier));
        group.MapPost("/{id:guid}/partner-link", RenewPartnerLink).WithName(nameof(RenewPartnerLink));
        group.MapGet("/{id:guid}/photos/{photoId:guid}", GetDossierPhoto).WithName(nameof(GetDossierPhoto));
    }

    /// <summary>
    /// Dossiers filtered by status, partner, category, neighbourhood, overdue, escalated, period and words, newest
    /// first or as sorted; pages of at most 200, with the counts per status. Read from the index kept on write.
    /// </summary>
    private static async Task<Results<Ok<DossierPage>, ValidationProblem>> ListDossiers(
        [AsParameters] DossierListQuery query, HttpRequest request, DossierListQueries lists, CategoryCatalogue categories, Geography.Neighbourhoods neighbourhoods, CancellationToken cancellationToken)
    {
        var (filter, errors) = DossierFilter.Parse(request.Query, categories, neighbourhoods);
        if (filter is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await lists.PageAsync(filter, query.PageSize ?? 50, query.ContinuationToken, cancellationToken);
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
        DossierReassignment reassignment,
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
            ? await reassignment.ReassignAsync(id.ToString(), request.PartnerId!, request.Reason, AuditActor.From(user), ifMatch, cancellationToken)
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

    /// <summary>
    /// Withdraws every link the partner has for this dossier (a mail that went astray, a colleague who left) and
    /// mails the partner a new one.
    /// </summary>
    private static async Task<Results<Ok<DossierResponse>, NotFound, ProblemHttpResult>> RenewPartnerLink(
        Guid id, ClaimsPrincipal user, DossierStore dossiers, PartnerStore partners, SignedLinks links, DossierMails mails, IMailSender mailSender, AuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await dossiers.GetAsync(id.ToString(), cancellationToken) is not { } stored)
        {
            return TypedResults.NotFound();
        }

        var partner = (await partners.GetAsync(stored.Dossier.PartnerId, cancellationToken))?.Partner;
        if (partner?.Email is null || !stored.Dossier.IsOpen)
        {
            return TypedResults.Problem(title: "No link to renew.", detail: "The dossier is closed, or its partner has no e-mail address.", statusCode: StatusCodes.Status409Conflict);
        }

        await links.RevokeAsync(LinkPurpose.PartnerDossier, id.ToString(), cancellationToken);
        var mail = mails.RenewedLink(stored.Dossier, partner, time.GetUtcNow());
        await mailSender.SendAsync(mail, cancellationToken);
        await audit.RecordAsync(AuditEntity.Dossier, id.ToString(), "partner-link-renewed", AuditActor.From(user), new { mail.To, mailId = mail.Id }, cancellationToken);
        return TypedResults.Ok(DossierResponse.From(stored));
    }

    /// <summary>A photo a partner added when resolving: redirects to a read URL valid for five minutes.</summary>
    private static async Task<Results<RedirectHttpResult, NotFound>> GetDossierPhoto(Guid id, Guid photoId, DossierStore dossiers, PhotoStorage photos, CancellationToken cancellationToken) =>
        (await dossiers.GetAsync(id.ToString(), cancellationToken))?.Events.Any(e => e.Photo == photoId) == true
            ? TypedResults.Redirect((await photos.ReadUrlAsync(PhotoStorage.DossierScope(id.ToString()), photoId, cancellationToken)).ToString())
            : TypedResults.NotFound();

    private static ProblemHttpResult PreconditionFailed() => TypedResults.Problem(
        title: "The dossier changed meanwhile.",
        detail: "Someone else changed this dossier since you loaded it. Reload it and try again.",
        statusCode: StatusCodes.Status412PreconditionFailed);
}
