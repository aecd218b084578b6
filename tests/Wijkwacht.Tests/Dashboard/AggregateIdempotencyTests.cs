using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wijkwacht.Dashboard;
using Wijkwacht.Dossiers;
using Wijkwacht.Time;

namespace Wijkwacht.Tests.Dashboard;

/// <summary>The aggregates under redelivery, interrupted writes and a rebuild from the source tables.</summary>
public sealed class AggregateIdempotencyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(GeneratedCity.Now);
    private WijkwachtApp _app = null!;
    private GeneratedCity _city = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time, settings: new Dictionary<string, string?> { ["FollowUpSweepSchedule"] = "0 0 0 1 1 *" });
        _app.StartServer();
        _city = GeneratedCity.Make(_app.Services.GetRequiredService<WorkingDays>(), count: 60, seed: 7);
        await _city.StoreAsync(_app.Services);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private DashboardFeed Feed => _app.Services.GetRequiredService<DashboardFeed>();

    [Fact]
    public async Task RedeliveredChangesAreCountedOnce()
    {
        var before = await SnapshotAsync();

        // Every observation and dossier delivered twice more, concurrently, as a redelivering queue would.
        await Task.WhenAll(_city.Observations.Concat<object>(_city.Dossiers).Concat(_city.Observations).Concat(_city.Dossiers).Select(e => e switch
        {
            Wijkwacht.Observations.Observation o => Feed.ObservationStoredAsync(o, CancellationToken.None),
            Dossier d => Feed.DossierStoredAsync(d, CancellationToken.None),
            _ => Task.CompletedTask,
        }));

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task AChangeInterruptedAfterItsCountsWereWrittenIsNotCountedAgain()
    {
        var forwarded = _city.Dossiers.First(d => d.Status == DossierStatus.Forwarded);
        var acknowledged = forwarded.MoveTo(DossierStatus.Acknowledged, GeneratedCity.Now);
        var before = await SnapshotAsync();
        await Feed.DossierStoredAsync(acknowledged, CancellationToken.None);
        var counted = await SnapshotAsync();
        Assert.NotEqual(before, counted);

        // The crash: the counts went in, the fact row was not yet marked applied.
        var facts = _app.Table(DashboardTables.Facts);
        var fact = (await facts.GetEntityAsync<TableEntity>(DashboardFeed.DossierKey(acknowledged.Id), "fact")).Value;
        fact["Applied"] = false;
        await facts.UpdateEntityAsync(fact, fact.ETag);
        await Feed.DossierStoredAsync(acknowledged, CancellationToken.None);

        Assert.Equal(counted, await SnapshotAsync());
    }

    [Fact]
    public async Task AChangeInterruptedBeforeItsCountsWereWrittenIsCountedByTheRetry()
    {
        var observation = _city.Observations[0];
        var corrected = observation with { Category = observation.Category == "noise" ? "graffiti-vandalism" : "noise" };
        var day = GeneratedCity.Day(observation.ObservedAt).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (oldBefore, newBefore) = (await ObservationsAsync(day, observation.Category), await ObservationsAsync(day, corrected.Category));

        // The crash: the new version of the fact was written, its counts were not.
        var facts = _app.Table(DashboardTables.Facts);
        var fact = (await facts.GetEntityAsync<TableEntity>(DashboardFeed.ObservationKey(observation.Id), "fact")).Value;
        fact["Version"] = fact.GetInt32("Version") + 1;
        fact["Previous"] = fact.GetString("Current");
        fact["Current"] = DashboardFeed.Encode(Contributions.Of(corrected));
        fact["Applied"] = false;
        await facts.UpdateEntityAsync(fact, fact.ETag);
        Assert.Equal((oldBefore, newBefore), (await ObservationsAsync(day, observation.Category), await ObservationsAsync(day, corrected.Category)));

        await Feed.ObservationStoredAsync(corrected, CancellationToken.None);
        await Feed.ObservationStoredAsync(corrected, CancellationToken.None);

        Assert.Equal((oldBefore - 1, newBefore + 1), (await ObservationsAsync(day, observation.Category), await ObservationsAsync(day, corrected.Category)));
    }

    [Fact]
    public async Task ARebuildFromTheSourceTablesGivesTheSameRowsAsTheIncrementalUpdates()
    {
        // Some dossiers move on after they were first counted, so the incremental side has subtracted too.
        var store = _app.Services.GetRequiredService<DossierStore>();
        foreach (var dossier in _city.Dossiers.Where(d => d.Status is DossierStatus.Forwarded or DossierStatus.Acknowledged).Take(8))
        {
            var stored = (await store.GetAsync(dossier.Id, CancellationToken.None))!;
            Assert.True(await store.SaveAsync(stored.Dossier.MoveTo(DossierStatus.Resolved, GeneratedCity.Now), stored.ETag, [], CancellationToken.None));
        }

        var incremental = await SnapshotAsync();
        var response = await _app.ClientAs("admin-1", "admin").PostAsync("/api/dashboard/rebuild", null);
        var report = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(_city.Observations.Count, report.GetProperty("observations").GetInt32());
        Assert.Equal(_city.Dossiers.Count, report.GetProperty("dossiers").GetInt32());
        Assert.True(report.GetProperty("sourceRowsPerSecond").GetDouble() > 0);
        Assert.Equal(incremental, await SnapshotAsync());
    }

    private async Task<long> ObservationsAsync(string day, string category)
    {
        var row = await _app.Table(DashboardTables.Aggregates).GetEntityIfExistsAsync<TableEntity>("D" + day, AggregateStore.RowKey("*", category, "*"));
        return row.HasValue ? row.Value!.GetInt64(Contributions.Observations) ?? 0 : 0;
    }

    /// <summary>Every aggregate row's non-zero counts and every open-dossier row, as text (marker rows left out).</summary>
    private async Task<string> SnapshotAsync()
    {
        var lines = new List<string>();
        await foreach (var row in _app.Table(DashboardTables.Aggregates).QueryAsync<TableEntity>())
        {
            var counts = row.Where(p => p.Value is long or int && Convert.ToInt64(p.Value, System.Globalization.CultureInfo.InvariantCulture) != 0)
                .Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal).ToList();
            if (row.RowKey.StartsWith("a|", StringComparison.Ordinal) && counts.Count > 0)
            {
                lines.Add($"{row.PartitionKey} {row.RowKey} {string.Join(',', counts)}");
            }
        }

        await foreach (var row in _app.Table(DashboardTables.OpenDossiers).QueryAsync<TableEntity>())
        {
            lines.Add($"open {row.RowKey} {row.GetString("Status")} {row.GetDateTimeOffset("VeryLateAt")}");
        }

        Assert.NotEmpty(lines);
        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }
}
