using Microsoft.Extensions.DependencyInjection;
using Wijkwacht.Dossiers;
using Wijkwacht.Observations;
using Wijkwacht.Time;

namespace Wijkwacht.Tests.Dashboard;

/// <summary>
/// A generated year of observations and dossiers (December 2020 to November 2021: ISO week 2020-W53 across New
/// Year, both clock changes, the Belgian holidays), written through the app's own stores so the aggregates are
/// kept as in production, and an independent model of what every figure must be, computed here from the list
/// with its own calendar.
/// </summary>
internal sealed class GeneratedCity
{
    public static readonly string[] Neighbourhoods = ["centrum", "marollen", "laken-oost", "haren"];
    public static readonly string[] Categories = ["illegal-dumping", "noise", "graffiti-vandalism"];
    public static readonly string[] Partners = ["net-brussel", "local-police", "green-spaces"];
    public static readonly DateTimeOffset Now = new(2021, 11, 10, 11, 0, 0, TimeSpan.Zero);

    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    // The Belgian public holidays of the period, written out by hand rather than taken from the app.
    private static readonly HashSet<DateOnly> Holidays =
    [
        new(2020, 12, 25), new(2021, 1, 1), new(2021, 4, 5), new(2021, 5, 1), new(2021, 5, 13), new(2021, 5, 24),
        new(2021, 7, 21), new(2021, 8, 15), new(2021, 11, 1), new(2021, 11, 11), new(2021, 12, 25),
    ];

    public List<Observation> Observations { get; } = [];

    public List<Dossier> Dossiers { get; } = [];

    public static GeneratedCity Make(WorkingDays workingDays, int count, int seed)
    {
        var city = new GeneratedCity();
        var random = new Random(seed);
        var start = new DateTimeOffset(2020, 12, 1, 0, 0, 0, TimeSpan.Zero);
        // Instants around midnight at New Year and around both clock changes, then random ones.
        var fixedTimes = new[]
        {
            new DateTimeOffset(2020, 12, 31, 23, 30, 0, TimeSpan.Zero), new DateTimeOffset(2020, 12, 31, 22, 59, 0, TimeSpan.Zero),
            new DateTimeOffset(2021, 3, 28, 0, 30, 0, TimeSpan.Zero), new DateTimeOffset(2021, 3, 28, 1, 30, 0, TimeSpan.Zero), new DateTimeOffset(2021, 3, 27, 23, 10, 0, TimeSpan.Zero),
            new DateTimeOffset(2021, 10, 31, 0, 30, 0, TimeSpan.Zero), new DateTimeOffset(2021, 10, 31, 1, 30, 0, TimeSpan.Zero), new DateTimeOffset(2021, 10, 30, 22, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2021, 1, 3, 22, 30, 0, TimeSpan.Zero), new DateTimeOffset(2021, 4, 2, 15, 0, 0, TimeSpan.Zero),
        };
        for (var i = 0; i < count; i++)
        {
            var observedAt = i < fixedTimes.Length ? fixedTimes[i] : start.AddMinutes(random.Next(0, 343 * 24 * 60));
            var observation = new Observation(Guid.NewGuid(), Pick(random, Categories), 50.85, 4.35, null, observedAt, observedAt, "warden-gen", null)
            {
                NeighbourhoodId = Pick(random, Neighbourhoods),
            };
            city.Observations.Add(observation);
            if (random.Next(3) == 0)
            {
                continue; // not every observation gets its own dossier
            }

            var created = observedAt.AddMinutes(random.Next(1, 600));
            var dossier = Dossier.Open(observation, Pick(random, Partners), created);
            var fate = random.Next(10);
            if (fate > 0 && created.AddDays(1) < Now)
            {
                var forwarded = created.AddMinutes(random.Next(1, 120));
                dossier = dossier.MarkForwarded(forwarded, workingDays.AddWorkingDays(forwarded, 2), workingDays.AddWorkingDays(forwarded, 10));
                var acknowledged = forwarded.AddHours(random.Next(1, 24 * 9));
                var resolved = acknowledged.AddHours(random.Next(1, 24 * 25));
                dossier = fate switch
                {
                    1 when acknowledged < Now => dossier.MoveTo(DossierStatus.Rejected, acknowledged, "Not ours."),
                    2 when resolved < Now => dossier.MoveTo(DossierStatus.Resolved, resolved),
                    >= 3 when acknowledged < Now => dossier.MoveTo(DossierStatus.Acknowledged, acknowledged),
                    _ => dossier,
                };
                if (fate >= 5 && dossier.Status == DossierStatus.Acknowledged && resolved < Now)
                {
                    dossier = dossier.MoveTo(DossierStatus.Resolved, resolved);
                }
                else if (fate == 4 && dossier.Status == DossierStatus.Acknowledged)
                {
                    dossier = dossier.MoveTo(DossierStatus.InProgress, acknowledged.AddHours(1));
                }
            }

            city.Dossiers.Add(dossier);
        }

        return city;
    }

    public async Task StoreAsync(IServiceProvider services)
    {
        var observations = services.GetRequiredService<ObservationStore>();
        var dossiers = services.GetRequiredService<DossierStore>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 6 };
        await Parallel.ForEachAsync(Observations, options, async (o, ct) => await observations.AddAsync(o, ct));
        await Parallel.ForEachAsync(Dossiers, options, async (d, ct) => Assert.True(await dossiers.CreateAsync(d, ct)));
    }

    /// <summary>The figures of a period as this model counts them.</summary>
    public Dictionary<string, double?> Expected(DateOnly from, DateOnly to, string? neighbourhood = null, string? category = null, string? partner = null, DossierStatus? status = null)
    {
        bool In(DateTimeOffset? at) => at is { } a && Day(a) >= from && Day(a) <= to;
        var dossiers = Dossiers.Where(d => (neighbourhood is null || d.NeighbourhoodId == neighbourhood) && (category is null || d.Category == category) && (partner is null || d.PartnerId == partner)).ToList();
        var acknowledged = dossiers.Where(d => In(d.AcknowledgedAt)).ToList();
        var resolved = dossiers.Where(d => d.Status == DossierStatus.Resolved && In(d.ClosedAt)).ToList();
        var open = dossiers.Where(d => d.IsOpen && (status is null || d.Status == status)).ToList();
        return new()
        {
            ["observations"] = partner is null ? Observations.Count(o => (neighbourhood is null || o.NeighbourhoodId == neighbourhood) && (category is null || o.Category == category) && In(o.ObservedAt)) : null,
            ["opened"] = dossiers.Count(d => In(d.CreatedAt)),
            ["forwarded"] = dossiers.Count(d => In(d.ForwardedAt)),
            ["acknowledged"] = acknowledged.Count,
            ["resolved"] = resolved.Count,
            ["rejected"] = dossiers.Count(d => d.Status == DossierStatus.Rejected && In(d.ClosedAt)),
            ["acknowledgeMedianWorkingDays"] = Rank(acknowledged.Select(d => WorkingDaysAfter(d.ForwardedAt!.Value, d.AcknowledgedAt!.Value)), 0.5),
            ["acknowledgeP90WorkingDays"] = Rank(acknowledged.Select(d => WorkingDaysAfter(d.ForwardedAt!.Value, d.AcknowledgedAt!.Value)), 0.9),
            ["resolveMedianWorkingDays"] = Rank(resolved.Select(d => WorkingDaysAfter(d.ForwardedAt!.Value, d.ClosedAt!.Value)), 0.5),
            ["resolveP90WorkingDays"] = Rank(resolved.Select(d => WorkingDaysAfter(d.ForwardedAt!.Value, d.ClosedAt!.Value)), 0.9),
            ["acknowledgedWithinServiceLevel"] = acknowledged.Count == 0 ? null : Math.Round((double)acknowledged.Count(d => d.AcknowledgedAt <= d.AcknowledgeBy) / acknowledged.Count, 4),
            ["resolvedWithinServiceLevel"] = resolved.Count == 0 ? null : Math.Round((double)resolved.Count(d => d.ClosedAt <= d.ResolveBy) / resolved.Count, 4),
            ["partnersInvolved"] = dossiers.Where(d => In(d.ForwardedAt)).Select(d => d.PartnerId).Distinct().Count(),
            ["openNow"] = open.Count,
            ["lateNow"] = open.Count(d => LateAt(d) < Now),
        };
    }

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Brussels).DateTime);

    private static bool IsWorkingDay(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(d);

    /// <summary>Working days after the Brussels day of the start, up to and including that of the end.</summary>
    public static int WorkingDaysAfter(DateTimeOffset start, DateTimeOffset end)
    {
        var count = 0;
        for (var d = Day(start).AddDays(1); d <= Day(end); d = d.AddDays(1))
        {
            count += IsWorkingDay(d) ? 1 : 0;
        }

        return count;
    }

    private static DateTimeOffset? LateAt(Dossier d) => d.Status switch
    {
        DossierStatus.Forwarded => d.AcknowledgeBy < d.ResolveBy ? d.AcknowledgeBy : d.ResolveBy,
        DossierStatus.Acknowledged or DossierStatus.InProgress => d.ResolveBy,
        _ => null,
    };

    /// <summary>Nearest-rank quantile: the smallest value with at least q of the values at or below it.</summary>
    private static double? Rank(IEnumerable<int> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : sorted[(int)Math.Ceiling(q * sorted.Count) - 1];
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
