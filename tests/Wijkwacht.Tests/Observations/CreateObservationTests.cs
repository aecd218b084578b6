using Azure.Data.Tables;
using Wijkwacht.Storage;

namespace Wijkwacht.Tests.Observations;

public sealed class CreateObservationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task CreatingAnObservationStoresItAndAnswers201WithItsLocation()
    {
        var warden = _app.ClientAs("warden-1", "warden");
        var id = Guid.NewGuid();

        var request = Requests.Observation(id);
        var response = await warden.PostAsJsonAsync("/api/observations", request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/observations/{id}", response.Headers.Location?.OriginalString);
        var body = await response.JsonAsync();
        Assert.Equal(id, body.GetProperty("id").GetGuid());
        Assert.Equal("illegal-dumping", body.GetProperty("category").GetString());

        var stored = await warden.GetFromJsonAsync<JsonElement>($"/api/observations/{id}");
        Assert.Equal((double)request["latitude"]!, stored.GetProperty("latitude").GetDouble());
    }

    [Fact]
    public async Task SendingTheSameIdAgainAnswersWithTheExistingObservationAndWritesNothingNew()
    {
        var warden = _app.ClientAs("warden-1", "warden");
        var request = Requests.Observation();

        var first = await warden.PostAsJsonAsync("/api/observations", request);
        var second = await warden.PostAsJsonAsync("/api/observations", request);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.JsonAsync()).GetProperty("recordedAt").GetDateTimeOffset(), (await second.JsonAsync()).GetProperty("recordedAt").GetDateTimeOffset());
        var rows = await _app.Table(Tables.Observations).QueryAsync<TableEntity>().ToListAsync();
        Assert.Single(rows);
    }

    [Fact]
    public async Task ReusingAnIdForADifferentObservationIsAConflict()
    {
        var warden = _app.ClientAs("warden-1", "warden");
        var id = Guid.NewGuid();
        await warden.PostAsJsonAsync("/api/observations", Requests.Observation(id));

        var response = await warden.PostAsJsonAsync("/api/observations", Requests.Observation(id, category: "noise"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("This id is already used.", (await response.ProblemAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task AnotherWardenReusingAnIdIsAConflictAndSeesNothingOfTheFirst()
    {
        var request = Requests.Observation();
        await _app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", request);

        var response = await _app.ClientAs("warden-2", "warden").PostAsJsonAsync("/api/observations", request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.False((await response.ProblemAsync()).TryGetProperty("description", out _));
    }

    [Theory]
    [InlineData("id", null, "id")]
    [InlineData("category", null, "category")]
    [InlineData("category", "Illegal Dumping", "category")]
    [InlineData("category", "flying-saucer", "category")]
    [InlineData("latitude", 91.0, "latitude")]
    [InlineData("longitude", -181.0, "longitude")]
    [InlineData("observedAt", null, "observedAt")]
    [InlineData("observedAt", "2001-01-01T00:00:00Z", "observedAt")]
    [InlineData("observedAt", "2999-01-01T00:00:00Z", "observedAt")]
    public async Task AnInvalidFieldIsNamedInAValidationProblem(string field, object? value, string expectedError)
    {
        var request = Requests.Observation();
        request[field] = value;

        var response = await _app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(expectedError, out _), problem.ToString());
        Assert.Empty(await _app.Table(Tables.Observations).QueryAsync<TableEntity>().ToListAsync());
    }

    [Fact]
    public async Task ATimeSentWithAnOffsetIsStoredAndReturnedAsTheSameInstantInUtc()
    {
        var warden = _app.ClientAs("warden-1", "warden");
        var id = Guid.NewGuid();
        var observedAt = new DateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-30).Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var request = Requests.Observation(id);
        request["observedAt"] = observedAt.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        Assert.EndsWith("+01:00", (string)request["observedAt"]!, StringComparison.Ordinal);

        var created = await (await warden.PostAsJsonAsync("/api/observations", request)).JsonAsync();
        var stored = await warden.GetFromJsonAsync<JsonElement>($"/api/observations/{id}");

        foreach (var answer in new[] { created, stored })
        {
            var returned = answer.GetProperty("observedAt").GetDateTimeOffset();
            Assert.Equal(observedAt, returned);
            Assert.Equal(TimeSpan.Zero, returned.Offset);
        }
    }

    [Theory]
    [InlineData(9)] // a phone's clock a little ahead
    [InlineData(-59 * 24 * 60)] // a phone offline for weeks
    public async Task ATimeAFewMinutesAheadOrWeeksOldIsAccepted(int minutesFromNow)
    {
        var request = Requests.Observation();
        request["observedAt"] = DateTimeOffset.UtcNow.AddMinutes(minutesFromNow).ToOffset(TimeSpan.FromHours(1));

        var response = await _app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData(11, "The observation cannot be in the future.")]
    [InlineData(-61 * 24 * 60, "The observation is older than 60 days.")]
    public async Task ATimeInTheFutureOrOlderThanSixtyDaysIsRefused(int minutesFromNow, string error)
    {
        var request = Requests.Observation();
        request["observedAt"] = DateTimeOffset.UtcNow.AddMinutes(minutesFromNow).ToOffset(TimeSpan.FromHours(1));

        var response = await _app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        Assert.Equal(["observedAt"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(error, Assert.Single(errors.GetProperty("observedAt").EnumerateArray()).GetString());
        Assert.Empty(await _app.Table(Tables.Observations).QueryAsync<TableEntity>().ToListAsync());
    }

    [Theory]
    [InlineData("{\"id\": ", "body")]
    [InlineData("{\"id\":\"not-a-uuid\"}", "id")]
    [InlineData("{\"latitude\":\"north\"}", "latitude")]
    [InlineData("{\"category\":\"noise\",\"colour\":\"red\"}", "colour")]
    [InlineData("{\"category\":\"noise\",\"category\":\"other\"}", "category")]
    public async Task UnreadableJsonIsAProblemThatNamesTheField(string body, string field)
    {
        var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await _app.ClientAs("warden-1", "warden").PostAsync("/api/observations", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.DoesNotContain("Wijkwacht", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHugeBodyIsRefusedWith413()
    {
        var request = Requests.Observation();
        request["description"] = new string('x', 400_000);

        var response = await _app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task OnlyWardensRecordObservations()
    {
        var anonymous = await _app.CreateClient().PostAsJsonAsync("/api/observations", Requests.Observation());
        var coordinator = await _app.ClientAs("coordinator-1", "coordinator").PostAsJsonAsync("/api/observations", Requests.Observation());

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, coordinator.StatusCode);
        await anonymous.ProblemAsync();
        await coordinator.ProblemAsync();
    }

    [Fact]
    public async Task AWardenSeesOnlyTheirOwnObservationsWhileACoordinatorSeesAll()
    {
        var id = Guid.NewGuid();
        await _app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", Requests.Observation(id));

        var otherWarden = await _app.ClientAs("warden-2", "warden").GetAsync($"/api/observations/{id}");
        var coordinator = await _app.ClientAs("coordinator-1", "coordinator").GetAsync($"/api/observations/{id}");

        Assert.Equal(HttpStatusCode.NotFound, otherWarden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, coordinator.StatusCode);
    }
}
