namespace Wijkwacht.Tests.OpenData;

public sealed class OpenDataTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "Dader: Jan Janssens, Kerkstraat 12";
    private readonly WijkwachtApp _app = new(azurite);
    private readonly Guid _observationId = Guid.NewGuid();
    private string _today = "";

    public async ValueTask InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        _today = Wijkwacht.Time.BrusselsTime.Day(now.AddMinutes(-5)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var observation = Requests.Observation(_observationId, "illegal-dumping", now, 50.846612, 4.352834);
        observation["description"] = Secret;
        observation["address"] = "Kerkstraat 12";
        observation["gas"] = new { article = "Art. 42 GAS-reglement", offenderIdentified = true, notes = Secret };
        await _app.RecordAndForwardAsync(observation);
        await _app.RecordAndForwardAsync(Requests.Observation(Guid.NewGuid(), "illegal-dumping", now, 50.8476, 4.3541));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task TheExportsHoldNoFreeTextGasDetailsPersonsOrExactPositions()
    {
        var client = _app.CreateClient();
        foreach (var path in new[] { "/api/opendata/observations.csv", "/api/opendata/observations.geojson", "/api/opendata/counts.csv" })
        {
            var body = await client.GetStringAsync(path);

            Assert.DoesNotContain("Janssens", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Kerkstraat", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Art. 42", body, StringComparison.Ordinal);
            Assert.DoesNotContain("warden", body, StringComparison.Ordinal);
            Assert.DoesNotContain(_observationId.ToString(), body, StringComparison.Ordinal);
            Assert.DoesNotContain("50.846612", body, StringComparison.Ordinal);
            Assert.DoesNotContain("4.352834", body, StringComparison.Ordinal);
        }

        var geojson = await client.GetFromJsonAsync<JsonElement>("/api/opendata/observations.geojson");
        var points = geojson.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("geometry").GetProperty("coordinates")).Select(c => (c[0].GetDouble(), c[1].GetDouble())).ToList();
        // The centre of the ~100 m cell (0.0015° × 0.001°) the place falls in: 105 m × 111 m at Brussels.
        Assert.Contains((4.35225, 50.8465), points);
        Assert.All(geojson.GetProperty("features").EnumerateArray(), f =>
            Assert.Equal(["category", "date", "neighbourhood"], f.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task TheDailyCountsAreOneRowPerDayNeighbourhoodAndCategory()
    {
        var csv = (await _app.CreateClient().GetStringAsync("/api/opendata/counts.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("date,neighbourhood,category,observations,dossiers_opened,dossiers_resolved", csv[0]);
        Assert.Equal([$"{_today},centrum,illegal-dumping,2,2,0"], csv.Skip(1));
    }

    [Fact]
    public async Task TheGeoJsonPassesAnIndependentRfc7946Validator()
    {
        var file = Path.Combine(Path.GetTempPath(), $"wijkwacht-opendata-{Guid.NewGuid():N}.geojson");
        await File.WriteAllTextAsync(file, await _app.CreateClient().GetStringAsync("/api/opendata/observations.geojson"));
        try
        {
            // @placemarkio/check-geojson checks a document against RFC 7946 and throws on the first error.
            var script = "import('@placemarkio/check-geojson').then(m => { const g = m.check(require('fs').readFileSync(process.argv[1], 'utf8')); console.log('valid ' + g.features.length); })";
            var start = new System.Diagnostics.ProcessStartInfo("node", ["-e", script, file]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
            using var validator = System.Diagnostics.Process.Start(start)!;
            var output = await validator.StandardOutput.ReadToEndAsync() + await validator.StandardError.ReadToEndAsync();
            await validator.WaitForExitAsync();

            Assert.True(validator.ExitCode == 0, output);
            Assert.Contains("valid 2", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TheCatalogueDescribesBothDatasetsWithDownloadsThatAnswer()
    {
        var client = _app.CreateClient();
        var response = await client.GetAsync("/api/opendata/catalog.jsonld");
        var catalog = await response.JsonAsync();

        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("public", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("dcat:Catalog", catalog.GetProperty("@type").GetString());
        Assert.Equal("http://www.w3.org/ns/dcat#", catalog.GetProperty("@context").GetProperty("dcat").GetString());
        var datasets = catalog.GetProperty("dcat:dataset").EnumerateArray().ToList();
        Assert.Equal(2, datasets.Count);
        foreach (var dataset in datasets)
        {
            Assert.Equal(["en", "fr", "nl"], dataset.GetProperty("dct:title").EnumerateArray().Select(t => t.GetProperty("@language").GetString()).Order());
            foreach (var distribution in dataset.GetProperty("dcat:distribution").EnumerateArray())
            {
                var url = new Uri(distribution.GetProperty("dcat:downloadURL").GetProperty("@id").GetString()!);
                var download = await client.GetAsync(url.PathAndQuery);
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
                Assert.EndsWith(download.Content.Headers.ContentType!.MediaType!, distribution.GetProperty("dcat:mediaType").GetProperty("@id").GetString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task ACorrectedObservationMovesToItsNewDayInsteadOfBeingPublishedTwice()
    {
        var warden = _app.ClientAs("warden-1", "warden");
        (await warden.PatchAsJsonAsync($"/api/observations/{_observationId}", new { observedAt = DateTimeOffset.UtcNow.AddDays(-3) })).EnsureSuccessStatusCode();

        var csv = (await _app.CreateClient().GetStringAsync("/api/opendata/observations.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, csv.Length); // the header and two observations
        Assert.Single(csv, line => line.Contains(",illegal-dumping,", StringComparison.Ordinal) && !line.Contains(_today, StringComparison.Ordinal));
    }
}
