using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Audit;
using Wijkwacht.Dossiers;
using Wijkwacht.Identity;

namespace Wijkwacht.Observations;

internal static class ObservationsApi
{
    public static void AddObservations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => CategoryCatalogue.Load(Path.Combine(AppContext.BaseDirectory, "Data", "categories.json")));
        builder.Services.AddSingleton<ObservationStore>();
    }

    public static void MapObservations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/observations").WithTags("Observations");

        group.MapPost("/", CreateObservation).WithName(nameof(CreateObservation)).RequireAuthorization(Policies.RecordObservations);
        group.MapGet("/{id:guid}", GetObservation).WithName(nameof(GetObservation)).RequireAuthorization(Policies.ReadObservations);
    }

    private static async Task<Results<Created<ObservationResponse>, Ok<ObservationResponse>, ValidationProblem, ProblemHttpResult>> CreateObservation(
        CreateObservationRequest request,
        ClaimsPrincipal user,
        CategoryCatalogue catalogue,
        ObservationStore observations,
        Forwarding forwarding,
        AuditTrail audit,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = Observation.Check(request, catalogue, now);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (stored, created) = await observations.AddAsync(Observation.Record(request, user.UserId(), now), cancellationToken);
        if (!created && (stored.WardenId != user.UserId() || !stored.SameAs(request)))
        {
            return TypedResults.Problem(
                title: "This id is already used.",
                detail: "Another observation was recorded with this id. Make a new id for a new observation.",
                statusCode: StatusCodes.Status409Conflict);
        }

        if (created)
        {
            await audit.RecordAsync(AuditEntity.Observation, stored.Id.ToString(), "created", AuditActor.From(user),
                new { stored.Category, stored.Latitude, stored.Longitude, stored.ObservedAt }, cancellationToken);
        }

        if (stored.DossierId is null)
        {
            await forwarding.RequestAsync(stored.Id, cancellationToken);
        }

        var response = ObservationResponse.From(stored);
        return created
            ? TypedResults.Created($"/api/observations/{stored.Id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<ObservationResponse>, NotFound>> GetObservation(
        Guid id,
        ClaimsPrincipal user,
        ObservationStore observations,
        CancellationToken cancellationToken)
    {
        var observation = await observations.GetAsync(id, cancellationToken);
        // A warden sees only their own observations; others' are "not found", not "forbidden", to reveal nothing.
        return observation is not null && (observation.WardenId == user.UserId() || user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Admin))
            ? TypedResults.Ok(ObservationResponse.From(observation))
            : TypedResults.NotFound();
    }
}
