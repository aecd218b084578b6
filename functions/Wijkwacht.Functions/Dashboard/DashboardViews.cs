using Wijkwacht.Geography;
using Wijkwacht.Observations;
using Wijkwacht.Partners;

namespace Wijkwacht.Dashboard;

public sealed record TrendCounts(long Observations, long Opened, long Resolved);

public sealed record TrendWeek(string Week, DateOnly From, TrendCounts Counts, TrendCounts Change);

public sealed record CategoryCount(string Category, long Observations);

public sealed record DashboardTrend(IReadOnlyList<TrendWeek> Weeks, IReadOnlyList<CategoryCount> TopCategories);

public sealed record PartnerFigures(string Id, string Name, long Received, double? AcknowledgedWithinServiceLevel, double? ResolvedWithinServiceLevel,
    double? AcknowledgeMedianWorkingDays, double? ResolveMedianWorkingDays, long OpenNow, int LateNow);

public sealed record NeighbourhoodCount(string Id, long Observations, long Previous);

public sealed record BarometerCategory(string Category, long Observations, long Previous, long SameTimeLastYear);

public sealed record NeighbourhoodBarometer(string Id, string Name, DateOnly From, DateOnly To, IReadOnlyList<BarometerCategory> Categories, long OpenNow, int LateNow, int VeryLateNow);

/// <summary>The dashboard's other views — trend, partner table, map, barometer — from the same aggregates as the summary.</summary>
internal sealed class DashboardViews(DashboardFigures figures, AggregateStore aggregates, OpenDossiers open, CategoryCatalogue categories, Neighbourhoods neighbourhoods, TimeProvider time)
{
    /// <summary>The last <paramref name="weeks"/> ISO weeks up to the current one, each with the change against the week before.</summary>
    public async Task<DashboardTrend> TrendAsync(int weeks, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var thisWeek = Period.Of(Grain.Week, figures.Today);
        var periods = Enumerable.Range(0, weeks + 1).Select(i => Period.Of(Grain.Week, thisWeek.First.AddDays(-7 * (weeks - i)))).ToList();
        // One row-key range per week holds the filtered row and every category's row: the line and the top categories.
        var neighbourhood = filter.Neighbourhood ?? AggregateStore.All;
        var partner = filter.Partner ?? AggregateStore.All;
        var (first, _) = AggregateStore.PartnerRows(neighbourhood, AggregateStore.All);
        var prefix = first[..first.LastIndexOf('|', first.Length - 2)] + "|";
        var rows = await Task.WhenAll(periods.Select(p => aggregates.ReadRangeAsync(p.Key, prefix, prefix[..^1] + "}", cancellationToken)));
        var row = AggregateStore.RowKey(neighbourhood, filter.Category ?? AggregateStore.All, partner);
        var counts = rows.Select(r => r.TryGetValue(row, out var c) ? c : new Counts())
            .Select(c => new TrendCounts(c.Get(Contributions.Observations), c.Get(Contributions.Opened), c.Get(Contributions.Resolved))).ToList();
        var trend = Enumerable.Range(1, weeks).Select(i => new TrendWeek(periods[i].Key[1..], periods[i].First, counts[i],
            new TrendCounts(counts[i].Observations - counts[i - 1].Observations, counts[i].Opened - counts[i - 1].Opened, counts[i].Resolved - counts[i - 1].Resolved))).ToList();

        var top = filter.Category is not null ? [] : categories.All.Select(c =>
        {
            var key = AggregateStore.RowKey(neighbourhood, c.Code, AggregateStore.All);
            return new CategoryCount(c.Code, rows.Skip(1).Sum(r => r.TryGetValue(key, out var found) ? found.Get(Contributions.Observations) : 0));
        });
        return new DashboardTrend(trend, [.. top.Where(c => c.Observations > 0).OrderByDescending(c => c.Observations).Take(5)]);
    }

    public async Task<IReadOnlyList<PartnerFigures>> PartnersAsync(IReadOnlyList<Partner> partners, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await Task.WhenAll(partners.Select(async p =>
        {
            var filter = new DashboardFilter(null, null, p.Id, null);
            var c = (await figures.TotalsAsync(from, to, filter, cancellationToken)).Totals.Counts;
            var openNow = (await aggregates.ReadAsync(AggregateStore.Now, AggregateStore.RowKey(AggregateStore.All, AggregateStore.All, p.Id), cancellationToken)).Get(Contributions.Open);
            var late = await open.CountOverdueAsync(now, filter, cancellationToken);
            return new PartnerFigures(p.Id, p.Name, c.Get(Contributions.Forwarded),
                DashboardFigures.Ratio(c, Contributions.AcknowledgedWithin, Contributions.Acknowledged),
                DashboardFigures.Ratio(c, Contributions.ResolvedWithin, Contributions.Resolved),
                DashboardFigures.PercentileOf(c, Contributions.AcknowledgeDaysPrefix, 0.5),
                DashboardFigures.PercentileOf(c, Contributions.ResolveDaysPrefix, 0.5),
                openNow, late.Late);
        }));
    }

    /// <summary>Observations per neighbourhood in the period and the one before: the map's colours.</summary>
    public async Task<IReadOnlyList<NeighbourhoodCount>> NeighbourhoodsAsync(DateOnly from, DateOnly to, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var length = to.DayNumber - from.DayNumber + 1;
        return await Task.WhenAll(neighbourhoods.All.Select(async n =>
        {
            var f = filter with { Neighbourhood = n.Id, Partner = null };
            var now = figures.TotalsAsync(from, to, f, cancellationToken);
            var before = figures.TotalsAsync(from.AddDays(-length), from.AddDays(-1), f, cancellationToken);
            return new NeighbourhoodCount(n.Id, (await now).Totals.Counts.Get(Contributions.Observations), (await before).Totals.Counts.Get(Contributions.Observations));
        }));
    }

    /// <summary>One neighbourhood: observations per category against the previous period and the same period a year earlier; its open and late dossiers.</summary>
    public async Task<NeighbourhoodBarometer> BarometerAsync(Neighbourhood neighbourhood, string language, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var length = to.DayNumber - from.DayNumber + 1;
        var rows = await Task.WhenAll(categories.All.Select(async c =>
        {
            var f = new DashboardFilter(neighbourhood.Id, c.Code, null, null);
            var now = figures.TotalsAsync(from, to, f, cancellationToken);
            var before = figures.TotalsAsync(from.AddDays(-length), from.AddDays(-1), f, cancellationToken);
            var lastYear = figures.TotalsAsync(from.AddYears(-1), to.AddYears(-1), f, cancellationToken);
            return new BarometerCategory(c.Code, (await now).Totals.Counts.Get(Contributions.Observations), (await before).Totals.Counts.Get(Contributions.Observations),
                (await lastYear).Totals.Counts.Get(Contributions.Observations));
        }));
        var filter = new DashboardFilter(neighbourhood.Id, null, null, null);
        var openNow = (await aggregates.ReadAsync(AggregateStore.Now, AggregateStore.RowKey(neighbourhood.Id, AggregateStore.All, AggregateStore.All), cancellationToken)).Get(Contributions.Open);
        var late = await open.CountOverdueAsync(time.GetUtcNow(), filter, cancellationToken);
        return new NeighbourhoodBarometer(neighbourhood.Id, neighbourhood.Name(language), from, to,
            [.. rows.OrderByDescending(r => r.Observations).ThenBy(r => r.Category, StringComparer.Ordinal)], openNow, late.Late, late.VeryLate);
    }
}
