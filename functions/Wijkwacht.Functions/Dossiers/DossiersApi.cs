using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wijkwacht.Audit;
using Wijkwacht.Identity;
using Wijkwacht.Storage;

namespace Wijkwacht.Dossiers;

internal static class DossiersApi
{
    public static void AddDossiers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AppOptions>().BindConfiguration("App");
        services.AddSingleton<DossierStore>();
        services.AddSingleton<DossierMails>();
        services.AddSingleton<Forwarding>();
        services.AddSingleton<Reminders>();
    }

    public static void MapDossiers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dossiers").WithTags("Dossiers").RequireAuthorization(Policies.FollowDossiers);

        group.MapGet("/{id:guid}", GetDossier).WithName(nameof(GetDossier));
        group.MapPost("/{id:guid}/transitions", TransitionDossier).WithName(nameof(TransitionDossier));
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

    /// <summary>
    /// Changes a dossier's status. With If-Match the caller says which version they looked at, and a change
    /// made since is refused (412) rather than overwritten; without it, the change applies to the latest version
    /// if the transition is still legal there.
    /// </summary>
    private static async Task<Results<Ok<DossierResponse>, NotFound, ValidationProblem, ProblemHttpResult>> TransitionDossier(
        Guid id,
        TransitionRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user,
        DossierStore dossiers,
        AuditTrail audit,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (request.To is DossierStatus.New or DossierStatus.Forwarded)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["Only the system sets a dossier to new or forwarded."] });
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var stored = await dossiers.GetAsync(id.ToString(), cancellationToken);
            if (stored is null)
            {
                return TypedResults.NotFound();
            }

            if (ifMatch is not null && ifMatch != stored.ETag.ToString())
            {
                return PreconditionFailed();
            }

            var now = time.GetUtcNow();
            var changed = stored.Dossier.MoveTo(request.To!.Value, now, request.Reason);
            var transition = DossierEvent.Transition(stored.Dossier.Status, changed.Status, user.UserId(), now);
            if (await dossiers.SaveAsync(changed, stored.ETag, [transition], cancellationToken))
            {
                await audit.RecordAsync(AuditEntity.Dossier, changed.Id, "transition", AuditActor.From(user),
                    new { from = stored.Dossier.Status, to = changed.Status, reason = request.Reason }, cancellationToken);
                var saved = (await dossiers.GetAsync(id.ToString(), cancellationToken))!;
                response.Headers.ETag = saved.ETag.ToString();
                return TypedResults.Ok(DossierResponse.From(saved));
            }

            if (ifMatch is not null)
            {
                return PreconditionFailed();
            }
        }

        return TypedResults.Problem(title: "The dossier keeps changing.", detail: "Try again in a moment.", statusCode: StatusCodes.Status409Conflict);
    }

    private static ProblemHttpResult PreconditionFailed() => TypedResults.Problem(
        title: "The dossier changed meanwhile.",
        detail: "Someone else changed this dossier since you loaded it. Reload it and try again.",
        statusCode: StatusCodes.Status412PreconditionFailed);
}
