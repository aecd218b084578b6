using Microsoft.Extensions.Time.Testing;

namespace Wijkwacht.Tests.Observations;

public sealed class CorrectionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WijkwachtApp _app = null!;
    private HttpClient _warden = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time);
        _warden = _app.ClientAs("warden-1", "warden");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task TheAuthorCorrectsAnObservationWithinADayAndTheChangeIsAudited()
    {
        var id = await CreateAsync();
        _time.Advance(TimeSpan.FromHours(23));

        var response = await _warden.PatchAsJsonAsync($"/api/observations/{id}", new { description = "Twee matrassen, geen drie.", latitude = 50.84251, longitude = 4.34569, address = (string?)null });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var corrected = await response.JsonAsync();
        Assert.Equal("Twee matrassen, geen drie.", corrected.GetProperty("description").GetString());
        Assert.Equal(50.84251, corrected.GetProperty("latitude").GetDouble());
        Assert.NotEqual(JsonValueKind.Null, corrected.GetProperty("neighbourhood").ValueKind);
        var audit = await _app.ClientAs("admin-1", "admin").GetFromJsonAsync<JsonElement>($"/api/audit?entity=observation&id={id}");
        var entry = Assert.Single(audit.GetProperty("entries").EnumerateArray(), e => e.GetProperty("action").GetString() == "corrected");
        Assert.Equal("Twee matrassen, geen drie.", entry.GetProperty("changes").GetProperty("after").GetProperty("description").GetString());
    }

    [Fact]
    public async Task ACorrectionAfterTwentyFourHoursIsRefused()
    {
        var id = await CreateAsync();
        _time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        var response = await _warden.PatchAsJsonAsync($"/api/observations/{id}", new { description = "Te laat" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("The time to correct this observation has passed.", (await response.ProblemAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task OnlyTheAuthorCorrects()
    {
        var id = await CreateAsync();

        var other = await _app.ClientAs("warden-2", "warden").PatchAsJsonAsync($"/api/observations/{id}", new { description = "x" });
        var coordinator = await _app.ClientAs("coordinator-1", "coordinator").PatchAsJsonAsync($"/api/observations/{id}", new { description = "x" });

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, coordinator.StatusCode);
    }

    [Theory]
    [InlineData("""{"id":"5b1f0c1e-6a7e-4a8e-9d1e-2b9d3c0a1f00"}""", "id")]
    [InlineData("""{"wardenId":"someone-else"}""", "wardenId")]
    [InlineData("""{"latitude":"north"}""", "latitude")]
    [InlineData("""{"latitude":51.2194,"longitude":4.4025}""", "latitude")]
    [InlineData("""{"category":null}""", "category")]
    [InlineData("""{"description":123}""", "description")]
    [InlineData("""[1,2]""", "body")]
    public async Task ABadCorrectionNamesTheFieldAndChangesNothing(string body, string field)
    {
        var id = await CreateAsync();
        var before = await _warden.GetStringAsync($"/api/observations/{id}");

        var response = await _warden.PatchAsync($"/api/observations/{id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await _warden.GetStringAsync($"/api/observations/{id}"));
    }

    [Fact]
    public async Task ACorrectionBasedOnAnOlderVersionIsRefused()
    {
        var id = await CreateAsync();
        var etag = (await _warden.GetAsync($"/api/observations/{id}")).Headers.GetValues("ETag").Single();
        await _warden.PatchAsJsonAsync($"/api/observations/{id}", new { description = "eerste" });

        using var stale = new HttpRequestMessage(HttpMethod.Patch, $"/api/observations/{id}") { Content = JsonContent.Create(new { description = "tweede" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await _warden.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    private async Task<Guid> CreateAsync()
    {
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await _warden.PostAsJsonAsync("/api/observations", Requests.Observation(id, now: _time.GetUtcNow()))).StatusCode);
        return id;
    }
}
