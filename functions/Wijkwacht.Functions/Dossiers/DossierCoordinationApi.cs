using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Wijkwacht.Audit;
using Wijkwacht.Geography;
using Wijkwacht.Identity;
using Wijkwacht.Observations;

namespace Wijkwacht.Dossiers;

/// <summary>An internal note on a dossier. The id is the client's, so a retried note is added once.</summary>
public sealed record NoteRequest(
    [property: Required] Guid? Id,
    [property: Required, StringLength(2000, MinimumLength = 1)] string? Text);

/// <summary>
/// What the coordinator's page needs beyond the dossier routes of <see cref="DossiersApi"/>: the context of nearby
/// dossiers, internal notes, the CSV export of a filter, and the user's saved filters.
/// </summary>
internal static class DossierCoordinationApi
{
    public static void AddDossierCoordination(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DossierCounts>();
        builder.Services.AddSingleton<DossierListQueries>();
        builder.Services.AddSingleton<DossierNeighbours>();
        builder.Services.AddSingleton<SavedFilters>();
        builder.Services.AddSingleton<DossierReassignment>();
        builder.Services.AddSingleton<DossierBulk>();
    }

    public static void MapDossierCoordination(this IEndpointRouteBuilder app)
    {
        var dossiers = app.MapGroup("/api/dossiers").WithTags("Dossiers").RequireAuthorization(Policies.FollowDossiers);
        dossiers.MapGet("/export.csv", ExportDossiers).WithName(nameof(ExportDossiers));
        dossiers.MapGet("/{id:guid}/nearby", ListNearbyDossiers).WithName(nameof(ListNearbyDossiers));
        dossiers.MapPost("/{id:guid}/notes", AddDossierNote).WithName(nameof(AddDossierNote));
        dossiers.MapPost("/{id:guid}/reassign", ReassignDossier).WithName(nameof(ReassignDossier));
        dossiers.MapPost("/bulk", RunBulkAction).WithName(nameof(RunBulkAction));

        var filters = app.MapGroup("/api/me/filters").WithTags("Dossiers").RequireAuthorization(Policies.FollowDossiers);
        filters.MapGet("/", ListSavedFilters).WithName(nameof(ListSavedFilters));
        filters.MapPost("/", SaveFilter).WithName(nameof(SaveFilter));
        filters.MapDelete("/{id}", DeleteSavedFilter).WithName(nameof(DeleteSavedFilter));
    }

    /// <summary>
    /// The current filter as CSV, streamed row by row however many dossiers match. <c>separator=semicolon</c> for
    /// Excel in Dutch and French locales; comma by default.
    /// </summary>
    private static Results<PushStreamHttpResult, ValidationProblem> ExportDossiers(
        [AsParameters] DossierExportQuery query, HttpRequest request, DossierListQueries lists, CategoryCatalogue categories, Neighbourhoods neighbourhoods, TimeProvider time)
    {
        var (filter, errors) = DossierFilter.Parse(request.Query, categories, neighbourhoods);
        if (query.Separator is not (null or "comma" or "semicolon"))
        {
            errors["separator"] = ["Use comma or semicolon."];
        }

        if (filter is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var separator = query.Separator == "semicolon" ? ';' : ',';
        var name = $"dossiers-{time.GetUtcNow():yyyyMMdd-HHmm}.csv";
        return TypedResults.Stream(
            body => DossierCsv.WriteAsync(body, lists.AllAsync(filter, request.HttpContext.RequestAborted), separator, request.HttpContext.RequestAborted),
            "text/csv; charset=utf-8; header=present",
            name);
    }

    private static async Task<Results<Ok<IReadOnlyList<NearbyDossier>>, NotFound>> ListNearbyDossiers(Guid id, DossierNeighbours neighbours, CancellationToken cancellationToken) =>
        await neighbours.AroundAsync(id.ToString(), cancellationToken) is { } nearby ? TypedResults.Ok(nearby) : TypedResults.NotFound();

    /// <summary>
    /// Adds an internal note. It changes nothing on the dossier itself, so it needs no If-Match and never makes a
    /// colleague's change fail; the answer is the dossier with its timeline, and its current ETag.
    /// </summary>
    private static async Task<Results<Created<DossierResponse>, Ok<DossierResponse>, NotFound>> AddDossierNote(
        Guid id, NoteRequest request, ClaimsPrincipal user, DossierStore dossiers, AuditTrail audit, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await dossiers.GetAsync(id.ToString(), cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var actor = AuditActor.From(user);
        var added = await dossiers.AddEventOnceAsync(id.ToString(), DossierEvent.InternalNote(request.Id!.Value, actor.Id, request.Text!.Trim(), time.GetUtcNow()), cancellationToken);
        if (added)
        {
            await audit.RecordAsync(AuditEntity.Dossier, id.ToString(), "note-added", actor, new { noteId = request.Id }, cancellationToken);
        }

        var stored = (await dossiers.GetAsync(id.ToString(), cancellationToken))!;
        response.Headers.ETag = stored.ETag.ToString();
        var body = DossierResponse.From(stored);
        return added ? TypedResults.Created($"/api/dossiers/{id}", body) : TypedResults.Ok(body);
    }

    /// <summary>
    /// Gives the dossier to another partner (If-Match: a change someone made meanwhile is a 412). The old partner's
    /// link stops working and it is told by mail; the new partner gets the dossier as forwarded. A retry finishes
    /// what a failed attempt left, and changes nothing more.
    /// </summary>
    private static async Task<Results<Ok<DossierResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ReassignDossier(
        Guid id,
        ReassignRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user,
        DossierReassignment reassignment,
        Partners.PartnerStore partners,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (await partners.GetAsync(request.PartnerId!, cancellationToken) is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["partnerId"] = ["This partner does not exist."] });
        }

        var (outcome, dossier) = await reassignment.ReassignAsync(id.ToString(), request.PartnerId!, request.Reason, AuditActor.From(user), ifMatch, cancellationToken);
        switch (outcome)
        {
            case TransitionOutcome.Done:
                response.Headers.ETag = dossier!.ETag.ToString();
                return TypedResults.Ok(DossierResponse.From(dossier));
            case TransitionOutcome.NotFound:
                return TypedResults.NotFound();
            default:
                return TypedResults.Problem(
                    title: "The dossier changed meanwhile.",
                    detail: "Someone else changed this dossier since you loaded it. Reload it and try again.",
                    statusCode: StatusCodes.Status412PreconditionFailed);
        }
    }

    /// <summary>Closes, reassigns or notes up to 100 dossiers, each on its own; the answer says per dossier what happened.</summary>
    private static async Task<Results<Ok<BulkResponse>, ValidationProblem>> RunBulkAction(
        BulkRequest request, ClaimsPrincipal user, DossierBulk bulk, Partners.PartnerStore partners, CancellationToken cancellationToken)
    {
        if (request.Action == BulkAction.Reassign && (request.PartnerId is null || await partners.GetAsync(request.PartnerId, cancellationToken) is null))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["partnerId"] = ["Name the partner the dossiers go to."] });
        }

        if (request.Action == BulkAction.Note && string.IsNullOrWhiteSpace(request.Text))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Write the note."] });
        }

        return TypedResults.Ok(await bulk.RunAsync(request, AuditActor.From(user), cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<SavedFilter>>> ListSavedFilters(ClaimsPrincipal user, SavedFilters filters, CancellationToken cancellationToken) =>
        TypedResults.Ok(await filters.ListAsync(user.UserId(), cancellationToken));

    /// <summary>Saves the list's query string under a name; saving under the same name again replaces it.</summary>
    private static async Task<Results<Ok<SavedFilter>, ValidationProblem>> SaveFilter(
        SavedFilterRequest request, ClaimsPrincipal user, SavedFilters filters, CategoryCatalogue categories, Neighbourhoods neighbourhoods, CancellationToken cancellationToken)
    {
        var query = request.Query!.TrimStart('?');
        var parsed = QueryHelpers.ParseQuery(query);
        var unknown = parsed.Keys.Where(k => !DossierFilter.Names.Contains(k)).ToList();
        var (filter, errors) = DossierFilter.Parse(new QueryCollection(parsed), categories, neighbourhoods);
        if (filter is null || unknown.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["query"] = [.. errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}"), .. unknown.Select(k => $"{k}: not a filter of the dossier list.")],
            });
        }

        // Kept as the filters' own names and values only, in a fixed order: the same filter reads the same.
        var canonical = QueryString.Create(DossierFilter.Names.Where(parsed.ContainsKey).Select(k => KeyValuePair.Create(k, (string?)parsed[k].ToString()))).ToString().TrimStart('?');
        return await filters.SaveAsync(user.UserId(), request.Name!, canonical, cancellationToken) is { } saved
            ? TypedResults.Ok(saved)
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"Keep at most {SavedFilters.MaxPerUser} filters; delete one first."] });
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteSavedFilter(string id, ClaimsPrincipal user, SavedFilters filters, CancellationToken cancellationToken)
    {
        if (id.Length != 16 || !id.All(char.IsAsciiHexDigitLower))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["Use the id of one of your saved filters."] });
        }

        return await filters.DeleteAsync(user.UserId(), id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}

/// <summary>The export's own parameter; the filter parameters are those of the list (<see cref="DossierListQuery"/>).</summary>
public sealed record DossierExportQuery(
    string? Status, string? Partner, string? Category, string? Neighbourhood, string? Overdue, string? Escalated, string? From, string? To, string? Q, string? Sort,
    string? Separator);
