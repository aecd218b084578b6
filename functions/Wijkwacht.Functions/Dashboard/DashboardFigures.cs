using Wijkwacht.Dossiers;
using Wijkwacht.Time;

namespace Wijkwacht.Dashboard;

/// <summary>The filters every dashboard figure takes; null means all.</summary>
internal sealed record DashboardFilter(string? Neighbourhood, string? Category, string? Partner, DossierStatus? Status);

/// <summary>One figure of a period, with the previous period's value and the change.</summary>
public sealed record Figure(double? Value, double? Previous, double? Change)
{
    public static Figure Of(double? value, double? previous) =>
        new(value, previous, value is { } v && previous is { } p ? Math.Round(v - p, 4) : null);
}

/// <summary>The figures of one period, summed from the aggregate rows of the periods that tile it.</summary>
internal sealed record PeriodTotals(Counts Counts, int PartnersInvolved);

public sealed record DashboardSummary(
    DateOnly From,
    DateOnly To,
    DateOnly PreviousFrom,
    DateOnly PreviousTo,
    int RowsRead,
    Figure Observations,
    Figure Opened,
    Figure Forwarded,
    Figure Acknowledged,
    Figure Resolved,
    Figure Rejected,
    Figure AcknowledgeMedianWorkingDays,
    Figure AcknowledgeP90WorkingDays,
    Figure ResolveMedianWorkingDays,
    Figure ResolveP90WorkingDays,
    Figure AcknowledgedWithinServiceLevel,
    Figure ResolvedWithinServiceLevel,
    Figure PartnersInvolved,
    Figure OpenNow,
    Figure LateNow,
    Figure VeryLateNow);

/// <summary>
/// Reads the figures from the aggregates: per period the coarsest periods that tile it (AggregateStore),
/// one row-key range per tile; "now" figures from the current partition and the open-dossier index.
/// </summary>
internal sealed class DashboardFigures(AggregateStore aggregates, OpenDossiers open, TimeProvider time)
{
    public async Task<DashboardSummary> SummaryAsync(DateOnly from, DateOnly to, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var length = to.DayNumber - from.DayNumber + 1;
        var (previousFrom, previousTo) = (from.AddDays(-length), from.AddDays(-1));
        var current = TotalsAsync(from, to, filter, cancellationToken);
        var previous = TotalsAsync(previousFrom, previousTo, filter, cancellationToken);
        var now = aggregates.ReadAsync(AggregateStore.Now, RowOf(filter), cancellationToken);
        var overdue = open.CountOverdueAsync(time.GetUtcNow(), filter, cancellationToken);
        var ((c, cRows), (p, pRows)) = (await current, await previous);

        Figure Count(string measure) => Figure.Of(c.Counts.Get(measure), p.Counts.Get(measure));
        Figure Share(string within, string of) => Figure.Of(Ratio(c.Counts, within, of), Ratio(p.Counts, within, of));
        Figure Percentile(string prefix, double q) => Figure.Of(PercentileOf(c.Counts, prefix, q), PercentileOf(p.Counts, prefix, q));
        var openNow = (await now).Get(filter.Status is { } s ? Contributions.OpenIn(s) : Contributions.Open);
        var (late, veryLate) = await overdue;

        return new DashboardSummary(from, to, previousFrom, previousTo, cRows + pRows + 1,
            filter.Partner is null ? Count(Contributions.Observations) : new Figure(null, null, null),
            Count(Contributions.Opened),
            Count(Contributions.Forwarded),
            Count(Contributions.Acknowledged),
            Count(Contributions.Resolved),
            Count(Contributions.Rejected),
            Percentile(Contributions.AcknowledgeDaysPrefix, 0.5),
            Percentile(Contributions.AcknowledgeDaysPrefix, 0.9),
            Percentile(Contributions.ResolveDaysPrefix, 0.5),
            Percentile(Contributions.ResolveDaysPrefix, 0.9),
            Share(Contributions.AcknowledgedWithin, Contributions.Acknowledged),
            Share(Contributions.ResolvedWithin, Contributions.Resolved),
            Figure.Of(c.PartnersInvolved, p.PartnersInvolved),
            new Figure(openNow, null, null),
            new Figure(late, null, null),
            new Figure(veryLate, null, null));
    }

    /// <summary>The counts of from..to, and the number of rows read for them.</summary>
    public async Task<(PeriodTotals Totals, int Rows)> TotalsAsync(DateOnly from, DateOnly to, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var (first, last) = AggregateStore.PartnerRows(filter.Neighbourhood ?? AggregateStore.All, filter.Category ?? AggregateStore.All);
        var wanted = RowOf(filter);
        var tiles = await Task.WhenAll(Period.Tiling(from, to).Select(t => aggregates.ReadRangeAsync(t.Key, first, last, cancellationToken)));
        var counts = new Counts();
        var partners = new HashSet<string>();
        foreach (var rows in tiles)
        {
            if (rows.TryGetValue(wanted, out var row))
            {
                counts.Add(row);
            }

            // A partner counts as involved when a dossier was forwarded to it in the period.
            partners.UnionWith(rows
                .Where(r => !r.Key.EndsWith("|*", StringComparison.Ordinal) && (filter.Partner is null || r.Key == wanted) && r.Value.Get(Contributions.Forwarded) > 0)
                .Select(r => r.Key));
        }

        return (new PeriodTotals(counts, partners.Count), tiles.Sum(t => t.Count));
    }

    /// <summary>The q-quantile (nearest rank) of a working-day histogram; null when it is empty.</summary>
    public static double? PercentileOf(Counts counts, string prefix, double q)
    {
        var total = Enumerable.Range(0, Contributions.HistogramCap + 1).Sum(d => counts.Get(prefix + d));
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var days = 0; days <= Contributions.HistogramCap; days++)
        {
            seen += counts.Get(prefix + days);
            if (seen >= rank)
            {
                return days;
            }
        }

        return Contributions.HistogramCap;
    }

    public static double? Ratio(Counts counts, string part, string whole) =>
        counts.Get(whole) == 0 ? null : Math.Round((double)counts.Get(part) / counts.Get(whole), 4);

    private static string RowOf(DashboardFilter filter) =>
        AggregateStore.RowKey(filter.Neighbourhood ?? AggregateStore.All, filter.Category ?? AggregateStore.All, filter.Partner ?? AggregateStore.All);

    /// <summary>Today on the Brussels calendar.</summary>
    public DateOnly Today => BrusselsTime.Day(time.GetUtcNow());
}
