using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wijkwacht.Dashboard;
using Wijkwacht.Dossiers;
using Wijkwacht.Time;

namespace Wijkwacht.Tests.Dashboard;

public sealed class DashboardSummaryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // Starts early in 2021: each test moves the clock forward to the moment it needs.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private WijkwachtApp _app = null!;
    private HttpClient _coordinator = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time, settings: new Dictionary<string, string?> { ["FollowUpSweepSchedule"] = "0 0 0 1 1 *" });
        _coordinator = _app.ClientAs("coordinator-1", "coordinator");
        _app.StartServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task EveryFigureMatchesAnIndependentCountOverAGeneratedYear()
    {
        _time.SetUtcNow(GeneratedCity.Now);
        var city = GeneratedCity.Make(_app.Services.GetRequiredService<WorkingDays>(), count: 260, seed: 2021);
        await city.StoreAsync(_app.Services);

        var periods = new (string From, string To)[]
        {
            ("2020-12-28", "2021-01-03"), // ISO week 2020-W53, across New Year
            ("2021-03-01", "2021-03-31"), // a month with the spring clock change
            ("2021-10-25", "2021-11-07"), // two weeks around the autumn clock change and All Saints
            ("2021-01-01", "2021-12-31"), // a whole year (previous: 2020)
            ("2020-12-15", "2021-11-09"), // ragged: days, weeks, months
            ("2021-03-27", "2021-04-06"), // Easter Monday, clock change
        };
        var filters = new (string? Neighbourhood, string? Category, string? Partner, DossierStatus? Status)[]
        {
            (null, null, null, null),
            ("centrum", null, null, null),
            (null, "noise", null, null),
            (null, null, "net-brussel", null),
            ("marollen", "illegal-dumping", "local-police", null),
            (null, null, null, DossierStatus.Forwarded),
        };

        var failures = new List<string>();
        foreach (var (from, to) in periods)
        {
            foreach (var f in filters)
            {
                var query = $"/api/dashboard/summary?from={from}&to={to}"
                    + (f.Neighbourhood is null ? "" : $"&neighbourhood={f.Neighbourhood}")
                    + (f.Category is null ? "" : $"&category={f.Category}")
                    + (f.Partner is null ? "" : $"&partner={f.Partner}")
                    + (f.Status is null ? "" : $"&status={f.Status.ToString()!.ToLowerInvariant()}");
                var summary = await _coordinator.GetFromJsonAsync<JsonElement>(query);
                var (first, last) = (DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
                var length = last.DayNumber - first.DayNumber + 1;
                var expected = city.Expected(first, last, f.Neighbourhood, f.Category, f.Partner, f.Status);
                var previous = city.Expected(first.AddDays(-length), first.AddDays(-1), f.Neighbourhood, f.Category, f.Partner, f.Status);
                foreach (var (figure, value) in expected)
                {
                    var actual = summary.GetProperty(figure);
                    Compare(failures, $"{query} {figure}", value, actual.GetProperty("value"));
                    if (figure is not ("openNow" or "lateNow"))
                    {
                        Compare(failures, $"{query} {figure} previous", previous[figure], actual.GetProperty("previous"));
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var all = city.Expected(new DateOnly(2020, 12, 1), new DateOnly(2021, 11, 10));
        Assert.True(all["acknowledged"] > 50 && all["resolved"] > 20 && all["lateNow"] > 3, "The generated data set is too thin to test the figures.");
    }

    [Fact]
    public async Task AFiveYearSummaryReadsAFewRowsPerYear()
    {
        _time.SetUtcNow(GeneratedCity.Now);
        var city = GeneratedCity.Make(_app.Services.GetRequiredService<WorkingDays>(), count: 30, seed: 5);
        await city.StoreAsync(_app.Services);

        var summary = await _coordinator.GetFromJsonAsync<JsonElement>("/api/dashboard/summary?from=2017-01-01&to=2021-12-31");

        Assert.Equal(30, summary.GetProperty("observations").GetProperty("value").GetDouble());
        // Five year tiles and five for the previous five years, each a "*" row plus one row per partner.
        Assert.InRange(summary.GetProperty("rowsRead").GetInt32(), 1, 10 * (1 + GeneratedCity.Partners.Length) + 1);
    }

    [Fact]
    public async Task ADossierIsVeryLateAtThreeTimesItsServiceLevelInBelgianWorkingDays()
    {
        var workingDays = _app.Services.GetRequiredService<WorkingDays>();
        var forwarded = new DateTimeOffset(2021, 3, 31, 10, 0, 0, TimeSpan.FromHours(2)); // a Wednesday; Easter Monday 5 April follows
        var observation = new Wijkwacht.Observations.Observation(Guid.NewGuid(), "noise", 50.85, 4.35, null, forwarded, forwarded, "warden-1", null) { NeighbourhoodId = "centrum" };
        var dossier = Dossier.Open(observation, "local-police", forwarded)
            .MarkForwarded(forwarded, workingDays.AddWorkingDays(forwarded, 2), workingDays.AddWorkingDays(forwarded, 10));
        await _app.Services.GetRequiredService<DossierStore>().CreateAsync(dossier, CancellationToken.None);

        // Two working days: due Friday 2 April 10:00. Six: Thu 1, Fri 2, (Easter Monday), Tue 6 … Fri 9 April 10:00.
        _time.SetUtcNow(new DateTimeOffset(2021, 4, 2, 9, 59, 0, TimeSpan.FromHours(2)));
        Assert.Equal((0, 0), await LateAsync());
        _time.SetUtcNow(new DateTimeOffset(2021, 4, 9, 9, 59, 0, TimeSpan.FromHours(2)));
        Assert.Equal((1, 0), await LateAsync());
        _time.SetUtcNow(new DateTimeOffset(2021, 4, 9, 10, 1, 0, TimeSpan.FromHours(2)));
        Assert.Equal((1, 1), await LateAsync());
    }

    [Fact]
    public async Task ObservationsAndDossiersRecordedThroughTheApiAppearInTheFigures()
    {
        _time.SetUtcNow(DateTimeOffset.UtcNow);
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid(), "noise", _time.GetUtcNow());
        var acknowledged = await _coordinator.PostAsJsonAsync($"/api/dossiers/{dossierId}/transitions", new { to = "acknowledged" });
        acknowledged.EnsureSuccessStatusCode();

        var summary = await _coordinator.GetFromJsonAsync<JsonElement>("/api/dashboard/summary?category=noise");

        Assert.Equal(1, Value(summary, "observations"));
        Assert.Equal(1, Value(summary, "opened"));
        Assert.Equal(1, Value(summary, "forwarded"));
        Assert.Equal(1, Value(summary, "acknowledged"));
        Assert.Equal(0, Value(summary, "acknowledgeMedianWorkingDays"));
        Assert.Equal(1, Value(summary, "acknowledgedWithinServiceLevel"));
        Assert.Equal(1, Value(summary, "openNow"));
        Assert.Equal(1, Value(summary, "partnersInvolved"));
    }

    [Fact]
    public async Task AWrongPeriodOrAnUnknownFilterIsAProblemNamingTheField()
    {
        foreach (var (query, field) in new[]
        {
            ("from=2021-02-30", "from"), ("to=tomorrow", "to"), ("from=2021-03-01&to=2021-02-01", "from"), ("from=1990-01-01&to=2021-01-01", "from"),
            ("neighbourhood=atlantis", "neighbourhood"), ("category=meteor", "category"), ("partner=nobody", "partner"), ("status=resolved", "status"),
        })
        {
            var response = await _coordinator.GetAsync($"/api/dashboard/summary?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), query);
        }
    }

    private async Task<(int Late, int VeryLate)> LateAsync()
    {
        var summary = await _coordinator.GetFromJsonAsync<JsonElement>("/api/dashboard/summary");
        return ((int)Value(summary, "lateNow")!, (int)Value(summary, "veryLateNow")!);
    }

    private static double? Value(JsonElement summary, string figure) =>
        summary.GetProperty(figure).GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    private static void Compare(List<string> failures, string what, double? expected, JsonElement actual)
    {
        double? value = actual.ValueKind == JsonValueKind.Number ? actual.GetDouble() : null;
        if (value != expected)
        {
            failures.Add($"{what}: {value?.ToString() ?? "null"}, expected {expected?.ToString() ?? "null"}");
        }
    }
}
