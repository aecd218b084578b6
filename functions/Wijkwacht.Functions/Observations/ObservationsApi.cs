using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wijkwacht.Audit;
using Wijkwacht.Geography;
using Wijkwacht.Identity;

namespace Wijkwacht.Observations;

internal static class ObservationsApi
{
    public static void AddObservations(this WebApplicationBuilder builder)
    {
        var data = Path.Combine(AppContext.BaseDirectory, "Data");
        builder.Services.AddSingleton(_ => CategoryCatalogue.Load(Path.Combine(data, "categories.json")));
        builder.Services.AddSingleton(_ => HotspotCatalogue.Load(Path.Combine(data, "hotspots.json")));
        builder.Services.AddSingleton<ObservationStore>();
        builder.Services.AddSingleton<PhotoStorage>();
        builder.Services.AddSingleton<ObservationCorrections>();
        builder.Services.AddSingleton<ForwardingRequests>();
    }

    public static void MapObservations(this IEndpointRouteBuilder app)
    {
        app.MapReferenceData();

        var group = app.MapGroup("/api/observations").WithTags("Observations");
        group.MapPost("/", CreateObservation).WithName(nameof(CreateObservation)).RequireAuthorization(Policies.RecordObservations);
        group.MapGet("/", ListObservations).WithName(nameof(ListObservations)).RequireAuthorization(Policies.ReadObservations);
        group.MapGet("/{id:guid}", GetObservation).WithName(nameof(GetObservation)).RequireAuthorization(Policies.ReadObservations);
        group.MapPatch("/{id:guid}", CorrectObservation).WithName(nameof(CorrectObservation)).RequireAuthorization(Policies.RecordObservations);
        group.MapPhotos();
    }

    private static async Task<Results<Created<ObservationResponse>, Ok<ObservationResponse>, ValidationProblem, ProblemHttpResult>> CreateObservation(
        CreateObservationRequest request,
        ClaimsPrincipal user,
        CategoryCatalogue catalogue,
        HotspotCatalogue hotspots,
        Neighbourhoods neighbourhoods,
        ObservationStore observations,
        ForwardingRequests forwarding,
        AuditTrail audit,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = Observation.Check(request, catalogue, neighbourhoods, hotspots, now);
        if (request.Id == Guid.Empty)
        {
            errors["id"] = ["The id must be a random UUID made by the client."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var neighbourhood = neighbourhoods.Find(request.Latitude!.Value, request.Longitude!.Value)?.Id;
        var (stored, created) = await observations.AddAsync(Observation.Record(request, request.Id!.Value, user.UserId(), neighbourhood, now), cancellationToken);
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
                new { stored.Category, stored.Subcategory, stored.Latitude, stored.Longitude, stored.NeighbourhoodId, stored.ObservedAt, gas = stored.Gas is not null }, cancellationToken);
        }

        if (stored.DossierId is null)
        {
            await forwarding.RequestAsync(stored.Id, cancellationToken);
        }

        var response = ObservationResponse.From(stored, neighbourhoods, showGas: true);
        return created
            ? TypedResults.Created($"/api/observations/{stored.Id}", response)
            : TypedResults.Ok(response);
    }

    /// <summary>A warden's own observations (mine=true, the default for wardens); coordinators and admins may list everyone's.</summary>
    private static async Task<Results<Ok<ObservationPage>, ValidationProblem, ForbidHttpResult>> ListObservations(
        [AsParameters] ObservationListQuery query, ClaimsPrincipal user, ObservationStore observations, Neighbourhoods neighbourhoods, CancellationToken cancellationToken)
    {
        var mine = query.Mine != "false";
        if (!mine && !SeesAll(user))
        {
            return TypedResults.Forbid();
        }

        var page = await observations.ListAsync(mine ? user.UserId() : null, query.PageSize ?? 20, query.ContinuationToken, cancellationToken);
        if (page is not { } found)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["continuationToken"] = ["Use the continuationToken of the previous page."] });
        }

        return TypedResults.Ok(new ObservationPage([.. found.Items.Select(o => ObservationResponse.From(o, neighbourhoods, SeesGas(user, o)))], found.ContinuationToken));
    }

    private static async Task<Results<Ok<ObservationResponse>, NotFound>> GetObservation(
        Guid id, ClaimsPrincipal user, ObservationStore observations, Neighbourhoods neighbourhoods, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await observations.GetAsync(id, cancellationToken) is not { } stored || !MayRead(user, stored.Observation))
        {
            return TypedResults.NotFound();
        }

        response.Headers.ETag = stored.ETag.ToString();
        return TypedResults.Ok(ObservationResponse.From(stored.Observation, neighbourhoods, SeesGas(user, stored.Observation)));
    }

    /// <summary>
    /// The author corrects an observation within 24 hours: the body holds the fields to change (JSON merge patch;
    /// null clears an optional field). Every change is in the audit trail.
    /// </summary>
    private static async Task<Results<Ok<ObservationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CorrectObservation(
        Guid id,
        JsonElement patch,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user,
        ObservationCorrections corrections,
        Neighbourhoods neighbourhoods,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var outcome = await corrections.CorrectAsync(id, patch, user, ifMatch, cancellationToken);
        switch (outcome)
        {
            case CorrectionOutcome.Corrected corrected:
                response.Headers.ETag = corrected.Stored.ETag.ToString();
                return TypedResults.Ok(ObservationResponse.From(corrected.Stored.Observation, neighbourhoods, showGas: true));
            case CorrectionOutcome.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors);
            case CorrectionOutcome.TooLate:
                return TypedResults.Problem(title: "The time to correct this observation has passed.", detail: "An observation can be corrected by its author for 24 hours.", statusCode: StatusCodes.Status409Conflict);
            case CorrectionOutcome.ChangedMeanwhile:
                return TypedResults.Problem(title: "The observation changed meanwhile.", detail: "Reload it and try again.", statusCode: StatusCodes.Status412PreconditionFailed);
            default:
                return TypedResults.NotFound();
        }
    }

    /// <summary>A warden reads their own observations; coordinators, admins and neighbourhood officers all.</summary>
    public static bool MayRead(ClaimsPrincipal user, Observation o) => o.WardenId == user.UserId() || SeesAll(user) || user.IsInRole(Roles.Officer);

    /// <summary>GAS details: the author, and those who handle sanctions.</summary>
    public static bool SeesGas(ClaimsPrincipal user, Observation o) => o.WardenId == user.UserId() || SeesAll(user);

    private static bool SeesAll(ClaimsPrincipal user) => user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.Admin);
}

/// <summary>The observation list's query string.</summary>
public sealed record ObservationListQuery(
    [property: System.ComponentModel.DataAnnotations.RegularExpression("^(true|false)$", ErrorMessage = "Use true or false.")] string? Mine,
    [property: System.ComponentModel.DataAnnotations.Range(1, 100)] int? PageSize,
    [property: System.ComponentModel.DataAnnotations.StringLength(1000)] string? ContinuationToken);
