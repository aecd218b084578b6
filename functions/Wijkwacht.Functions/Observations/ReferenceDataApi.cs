using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Geography;
using Wijkwacht.Identity;
using Wijkwacht.Problems;

namespace Wijkwacht.Observations;

internal sealed record CategoryView(string Code, string Label, bool Gas, IReadOnlyList<SubcategoryView> Subcategories);

internal sealed record SubcategoryView(string Code, string Label);

internal sealed record CategoryList(IReadOnlyList<CategoryView> Categories);

internal sealed record HotspotList(IReadOnlyList<Hotspot> Hotspots);

/// <summary>What the forms need: categories, the neighbourhoods as GeoJSON, the hot spots.</summary>
internal static class ReferenceDataApi
{
    public static void MapReferenceData(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/categories", ListCategories).WithName(nameof(ListCategories)).WithTags("Reference data").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        app.MapGet("/api/neighbourhoods", ListNeighbourhoods).WithName(nameof(ListNeighbourhoods)).WithTags("Reference data").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        app.MapGet("/api/hotspots", ListHotspots).WithName(nameof(ListHotspots)).WithTags("Reference data").RequireAuthorization(Policies.ReadObservations);
    }

    /// <summary>The categories with labels in one language (nl, the default, fr or en).</summary>
    private static Results<Ok<CategoryList>, ValidationProblem> ListCategories(string? lang, CategoryCatalogue catalogue)
    {
        if (lang is not (null or "nl" or "fr" or "en"))
        {
            return Problem.Invalid("lang", ErrorCodes.Format, "Use nl, fr or en.");
        }

        var language = lang ?? "nl";
        return TypedResults.Ok(new CategoryList([.. catalogue.All.Select(c => new CategoryView(
            c.Code, c.Label(language), c.Gas, [.. c.Subcategories.Select(s => new SubcategoryView(s.Code, s.Labels.TryGetValue(language, out var l) ? l : s.Labels["nl"]))]))]));
    }

    private static ContentHttpResult ListNeighbourhoods(Neighbourhoods neighbourhoods) =>
        TypedResults.Text(neighbourhoods.GeoJson, "application/geo+json");

    private static Ok<HotspotList> ListHotspots(HotspotCatalogue hotspots) => TypedResults.Ok(new HotspotList(hotspots.All));
}
