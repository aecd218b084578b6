using Microsoft.Extensions.DependencyInjection;
using Wijkwacht.Geography;

namespace Wijkwacht.Tests.Observations;

public sealed class ObservationModelTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task CategoriesComeFromTheCatalogueInTheAskedLanguage()
    {
        var french = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/categories?lang=fr");
        var german = await _app.CreateClient().GetAsync("/api/categories?lang=de");

        var categories = french.GetProperty("categories").EnumerateArray().ToList();
        Assert.True(categories.Count >= 10);
        var dumping = Assert.Single(categories, c => c.GetProperty("code").GetString() == "illegal-dumping");
        Assert.Equal("Dépôt clandestin", dumping.GetProperty("label").GetString());
        Assert.True(dumping.GetProperty("gas").GetBoolean());
        Assert.Contains(dumping.GetProperty("subcategories").EnumerateArray(), s => s.GetProperty("label").GetString() == "Déchets ménagers");
        Assert.Equal(HttpStatusCode.BadRequest, german.StatusCode);
    }

    [Fact]
    public async Task TheNeighbourhoodsAreServedAsGeoJson()
    {
        var response = await _app.CreateClient().GetAsync("/api/neighbourhoods");
        var geoJson = await response.JsonAsync();

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("FeatureCollection", geoJson.GetProperty("type").GetString());
        Assert.InRange(geoJson.GetProperty("features").GetArrayLength(), 8, 20);
    }

    [Theory]
    [InlineData("warden")]
    [InlineData("coordinator")]
    [InlineData("officer")]
    [InlineData("admin")]
    public async Task StaffGetTheHotSpotsOfTheDataFileWithTheirNamesPlacesAndNeighbourhoods(string role)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "functions", "Wijkwacht.Functions", "Data", "hotspots.json")));

        var hotspots = (await _app.ClientAs($"{role}-1", role).GetFromJsonAsync<JsonElement>("/api/hotspots")).GetProperty("hotspots");

        var expected = file.RootElement.GetProperty("hotspots").EnumerateArray().ToList();
        Assert.Equal(expected.Select(h => h.GetProperty("id").GetString()), hotspots.EnumerateArray().Select(h => h.GetProperty("id").GetString()));
        foreach (var (want, got) in expected.Zip(hotspots.EnumerateArray()))
        {
            foreach (var language in new[] { "nl", "fr", "en" })
            {
                Assert.Equal(want.GetProperty("name").GetProperty(language).GetString(), got.GetProperty("name").GetProperty(language).GetString());
            }

            Assert.Equal(want.GetProperty("latitude").GetDouble(), got.GetProperty("latitude").GetDouble());
            Assert.Equal(want.GetProperty("longitude").GetDouble(), got.GetProperty("longitude").GetDouble());
            Assert.Equal(want.GetProperty("radiusMeters").GetDouble(), got.GetProperty("radiusMeters").GetDouble());
            Assert.Equal(want.GetProperty("neighbourhoodId").GetString(), got.GetProperty("neighbourhoodId").GetString());
        }

        var vossenplein = Assert.Single(hotspots.EnumerateArray(), h => h.GetProperty("id").GetString() == "vossenplein");
        Assert.Equal("Place du Jeu de Balle", vossenplein.GetProperty("name").GetProperty("fr").GetString());
        Assert.Equal((50.8378, 4.3460), (vossenplein.GetProperty("latitude").GetDouble(), vossenplein.GetProperty("longitude").GetDouble()));
        Assert.Equal("marollen", vossenplein.GetProperty("neighbourhoodId").GetString());
    }

    [Fact]
    public async Task TheServerFindsTheNeighbourhoodOfTheLocation()
    {
        var (lat, lon) = (50.84251, 4.34569); // Vossenplein / place du Jeu de Balle
        var expected = _app.Services.GetRequiredService<Neighbourhoods>().Find(lat, lon);

        var created = await (await _app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", Requests.Observation(Guid.NewGuid(), "illegal-dumping", null, lat, lon))).JsonAsync();

        Assert.NotNull(expected);
        Assert.Equal(expected.Id, created.GetProperty("neighbourhood").GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(created.GetProperty("neighbourhood").GetProperty("name").GetProperty("fr").GetString()));
    }

    [Theory]
    [InlineData(50.8676, 4.3775)] // Schaerbeek
    [InlineData(50.8365, 4.3085)] // Anderlecht
    [InlineData(51.2194, 4.4025)] // Antwerp
    public async Task APlaceOutsideTheMunicipalityIsRefused(double latitude, double longitude)
    {
        var response = await _app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", Requests.Observation(Guid.NewGuid(), "noise", null, latitude, longitude));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("latitude", out _));
    }

    [Fact]
    public async Task GasDetailsAreSeenByTheAuthorAndCoordinatorsButNotByNeighbourhoodOfficersNorPartners()
    {
        var id = Guid.NewGuid();
        var request = Requests.Observation(id, "noise");
        request["gas"] = new { article = "Art. 12 §2 APR", offenderIdentified = true, notes = "Eigenaar van het café aangesproken." };
        var created = await _app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var author = await _app.ClientAs("warden-1", "warden").GetFromJsonAsync<JsonElement>($"/api/observations/{id}");
        var coordinator = await _app.ClientAs("coordinator-1", "coordinator").GetFromJsonAsync<JsonElement>($"/api/observations/{id}");
        var officer = await _app.ClientAs("officer-1", "officer").GetFromJsonAsync<JsonElement>($"/api/observations/{id}");

        Assert.Equal("Art. 12 §2 APR", author.GetProperty("gas").GetProperty("article").GetString());
        Assert.True(coordinator.GetProperty("gas").GetProperty("offenderIdentified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, officer.GetProperty("gas").ValueKind);
        Assert.DoesNotContain("APR", officer.ToString(), StringComparison.Ordinal);

        var dossierId = await _app.ForwardedDossierOfAsync(id);
        var link = await _app.PartnerLinkFromMailAsync(dossierId);
        var partnerView = await _app.CreateClient().GetStringAsync($"/api/partner/dossiers/{dossierId}{link.Query}");
        Assert.Contains(id.ToString(), partnerView, StringComparison.Ordinal);
        Assert.DoesNotContain("APR", partnerView, StringComparison.Ordinal);
        Assert.DoesNotContain("café", partnerView, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("damaged-street-furniture", "gas", true, null, null)]
    [InlineData("illegal-dumping", "subcategory", false, "bench", null)]
    [InlineData("illegal-dumping", "hotspotId", false, null, "atlantis")]
    public async Task TheCatalogueRulesAreChecked(string category, string field, bool withGas, string? subcategory, string? hotspot)
    {
        var request = Requests.Observation(Guid.NewGuid(), category);
        request["gas"] = withGas ? new { article = "x", offenderIdentified = false } : null;
        request["subcategory"] = subcategory;
        request["hotspotId"] = hotspot;

        var response = await _app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task AWardenListsTheirOwnRecentObservationsNewestFirstInPages()
    {
        var mine = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add(Guid.NewGuid());
            await _app.ClientAs("warden-list", "warden").PostAsJsonAsync("/api/observations", Requests.Observation(mine[^1]));
        }

        await _app.ClientAs("warden-other", "warden").PostAsJsonAsync("/api/observations", Requests.Observation());
        var warden = _app.ClientAs("warden-list", "warden");

        var first = await warden.GetFromJsonAsync<JsonElement>("/api/observations?mine=true&pageSize=2");
        var second = await warden.GetFromJsonAsync<JsonElement>($"/api/observations?mine=true&pageSize=2&continuationToken={Uri.EscapeDataString(first.GetProperty("continuationToken").GetString()!)}");
        var everyone = await warden.GetAsync("/api/observations?mine=false");
        var coordinator = await _app.ClientAs("coordinator-1", "coordinator").GetFromJsonAsync<JsonElement>("/api/observations?mine=false&pageSize=100");

        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(o => o.GetProperty("id").GetGuid());
        Assert.Equal(Enumerable.Reverse(mine), listed);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("continuationToken").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, everyone.StatusCode);
        Assert.Equal(4, coordinator.GetProperty("items").GetArrayLength());
    }
}
