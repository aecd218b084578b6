using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Dossiers;
using Wijkwacht.Geography;
using Wijkwacht.Identity;
using Wijkwacht.Observations;
using Wijkwacht.Partners;

namespace Wijkwacht.Dashboard;

internal static class DashboardApi
{
    /// <summary>The longest period one request may ask for (and its previous period as long again).</summary>
    public const int MaxDays = 366 * 10;

    private const string Rebuild = "RebuildDashboard";

    public static void AddDashboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDashboardTables();
        services.AddSingleton<Contributions>();
        services.AddSingleton<AggregateStore>();
        services.AddSingleton<OpenDossiers>();
        services.AddSingleton<DashboardFeed>();
        services.AddSingleton<IObservationChangeListener>(sp => sp.GetRequiredService<DashboardFeed>());
        services.AddSingleton<IDossierChangeListener>(sp => sp.GetRequiredService<DashboardFeed>());
        services.AddSingleton<DashboardFigures>();
        services.AddSingleton<DashboardViews>();
        services.AddSingleton<AggregateRebuild>();
        services.AddAuthorizationBuilder().AddPolicy(Rebuild, p => p.RequireRole(Roles.Admin));
    }

    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dashboard").WithTags("Dashboard");
        group.MapGet("/summary", GetDashboardSummary).WithName(nameof(GetDashboardSummary)).RequireAuthorization(Policies.FollowDossiers);
        group.MapGet("/trend", GetDashboardTrend).WithName(nameof(GetDashboardTrend)).RequireAuthorization(Policies.FollowDossiers);
        group.MapGet("/partners", GetDashboardPartners).WithName(nameof(GetDashboardPartners)).RequireAuthorization(Policies.FollowDossiers);
        group.MapGet("/neighbourhoods", GetDashboardNeighbourhoods).WithName(nameof(GetDashboardNeighbourhoods)).RequireAuthorization(Policies.FollowDossiers);
        group.MapGet("/neighbourhoods/{id}", GetNeighbourhoodBarometer).WithName(nameof(GetNeighbourhoodBarometer)).RequireAuthorization(Policies.FollowDossiers);
        group.MapPost("/rebuild", RebuildDashboard).WithName(nameof(RebuildDashboard)).RequireAuthorization(Rebuild);
    }

    /// <summary>
    /// Every figure of a period (from..to, Brussels days, inclusive) and its change against the period of the same
    /// length just before. The status filter narrows the "now" figures (open, late, very late); the partner filter
    /// applies to dossier figures (observations have no partner, so that figure is null with it).
    /// </summary>
    private static async Task<Results<Ok<DashboardSummary>, ValidationProblem>> GetDashboardSummary(
        [AsParameters] DashboardQuery query,
        Neighbourhoods neighbourhoods,
        CategoryCatalogue categories,
        PartnerStore partners,
        DashboardFigures figures,
        CancellationToken cancellationToken)
    {
        var (from, to, filter, errors) = await query.ReadAsync(figures.Today, neighbourhoods, categories, partners, cancellationToken);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await figures.SummaryAsync(from, to, filter, cancellationToken));
    }

    /// <summary>Per ISO week, up to this one: observations, dossiers opened and resolved, each with the change against the week before; and the top categories.</summary>
    private static async Task<Results<Ok<DashboardTrend>, ValidationProblem>> GetDashboardTrend(
        [AsParameters] DashboardQuery query,
        [Range(1, 104)] int? weeks,
        Neighbourhoods neighbourhoods,
        CategoryCatalogue categories,
        PartnerStore partners,
        DashboardFigures figures,
        DashboardViews views,
        CancellationToken cancellationToken)
    {
        var (_, _, filter, errors) = await query.ReadAsync(figures.Today, neighbourhoods, categories, partners, cancellationToken);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await views.TrendAsync(weeks ?? 52, filter, cancellationToken));
    }

    /// <summary>Per partner service: dossiers received in the period, the share handled within the service level, median working days, open and late now.</summary>
    private static async Task<Results<Ok<IReadOnlyList<PartnerFigures>>, ValidationProblem>> GetDashboardPartners(
        [AsParameters] DashboardQuery query,
        Neighbourhoods neighbourhoods,
        CategoryCatalogue categories,
        PartnerStore partners,
        DashboardFigures figures,
        DashboardViews views,
        CancellationToken cancellationToken)
    {
        var (from, to, _, errors) = await query.ReadAsync(figures.Today, neighbourhoods, categories, partners, cancellationToken);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await views.PartnersAsync(await partners.ListAsync(cancellationToken), from, to, cancellationToken));
    }

    /// <summary>Observations per neighbourhood in the period and the one before: what the map colours.</summary>
    private static async Task<Results<Ok<IReadOnlyList<NeighbourhoodCount>>, ValidationProblem>> GetDashboardNeighbourhoods(
        [AsParameters] DashboardQuery query,
        Neighbourhoods neighbourhoods,
        CategoryCatalogue categories,
        PartnerStore partners,
        DashboardFigures figures,
        DashboardViews views,
        CancellationToken cancellationToken)
    {
        var (from, to, filter, errors) = await query.ReadAsync(figures.Today, neighbourhoods, categories, partners, cancellationToken);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await views.NeighbourhoodsAsync(from, to, filter, cancellationToken));
    }

    /// <summary>A neighbourhood's barometer: observations per category against the previous period and a year earlier; open and late dossiers.</summary>
    private static async Task<Results<Ok<NeighbourhoodBarometer>, NotFound, ValidationProblem>> GetNeighbourhoodBarometer(
        string id,
        [AsParameters] DashboardQuery query,
        [RegularExpression("^(nl|fr|en)$", ErrorMessage = "Use nl, fr or en.")] string? lang,
        Neighbourhoods neighbourhoods,
        CategoryCatalogue categories,
        PartnerStore partners,
        DashboardFigures figures,
        DashboardViews views,
        CancellationToken cancellationToken)
    {
        if (neighbourhoods[id] is not { } neighbourhood)
        {
            return TypedResults.NotFound();
        }

        var (from, to, _, errors) = await query.ReadAsync(figures.Today, neighbourhoods, categories, partners, cancellationToken);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await views.BarometerAsync(neighbourhood, lang ?? "nl", from, to, cancellationToken));
    }

    /// <summary>Recomputes every aggregate from the observations and dossiers, and says how fast it went.</summary>
    private static async Task<Ok<RebuildReport>> RebuildDashboard(AggregateRebuild rebuild, CancellationToken cancellationToken) =>
        TypedResults.Ok(await rebuild.RunAsync(cancellationToken));
}

/// <summary>The dashboard's query string: a period and filters.</summary>
public sealed record DashboardQuery(
    [property: RegularExpression(@"^\d{4}-\d{2}-\d{2}$", ErrorMessage = "Use a date written yyyy-MM-dd.")] string? From,
    [property: RegularExpression(@"^\d{4}-\d{2}-\d{2}$", ErrorMessage = "Use a date written yyyy-MM-dd.")] string? To,
    [property: StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a category code.")] string? Category,
    [property: StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a neighbourhood id.")] string? Neighbourhood,
    [property: StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a partner id.")] string? Partner,
    [property: RegularExpression("^(new|forwarded|acknowledged|in-progress|reassigned)$", ErrorMessage = "Use new, forwarded, acknowledged, in-progress or reassigned: the statuses of open dossiers.")] string? Status)
{
    /// <summary>The period (by default the last 7 days up to today) and the filters, or the fields in error.</summary>
    internal async Task<(DateOnly From, DateOnly To, DashboardFilter Filter, Dictionary<string, string[]> Errors)> ReadAsync(
        DateOnly today, Neighbourhoods neighbourhoods, CategoryCatalogue categories, PartnerStore partners, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var to = ParseDate(To, "to", errors) ?? today;
        var from = ParseDate(From, "from", errors) ?? to.AddDays(-6);
        if (errors.Count == 0 && from > to)
        {
            errors["from"] = ["The period starts after it ends."];
        }
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber >= DashboardApi.MaxDays)
        {
            errors["from"] = [$"A period is at most {DashboardApi.MaxDays} days."];
        }

        if (Neighbourhood is not null && neighbourhoods[Neighbourhood] is null)
        {
            errors["neighbourhood"] = ["This neighbourhood does not exist."];
        }

        if (Category is not null && categories.Find(Category) is null)
        {
            errors["category"] = ["This category does not exist."];
        }

        if (Partner is not null && await partners.GetAsync(Partner, cancellationToken) is null)
        {
            errors["partner"] = ["This partner does not exist."];
        }

        if (Status is { Length: 0 })
        {
            errors["status"] = ["Leave status out, or use new, forwarded, acknowledged, in-progress or reassigned."];
        }

        DossierStatus? status = string.IsNullOrEmpty(Status) ? null : Enum.Parse<DossierStatus>(Status.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
        return (from, to, new DashboardFilter(Neighbourhood, Category, Partner, status), errors);
    }

    private static DateOnly? ParseDate(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }

        errors[field] = ["Use an existing date between 2000 and 2100, written yyyy-MM-dd."];
        return null;
    }
}
