using Microsoft.Extensions.Time.Testing;

namespace Wijkwacht.Tests.Dossiers;

/// <summary>The coordinator's dossier list: every filter, the orders, the counts per status, and bad filters.</summary>
public sealed class CoordinatorListTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const double CentreLatitude = 50.8470;
    private const double CentreLongitude = 4.3520;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WijkwachtApp _app = null!;
    private HttpClient _coordinator = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time);
        _coordinator = _app.ClientAs("coordinator-1", "coordinator");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task TheListFiltersByCategoryNeighbourhoodPeriodAndWordsOfTheAddressDescriptionOrReference()
    {
        var glass = await RecordAsync("illegal-dumping", CentreLatitude, CentreLongitude, "Rue de l'Étuve 12", "Zakken naast de glasbak");
        _time.Advance(TimeSpan.FromDays(3));
        var laken = await RecordAsync("illegal-dumping", 50.8850, 4.3600, "Tuinstraat 4", "Matras op de stoep");
        _time.Advance(TimeSpan.FromMinutes(1));
        var noise = await RecordAsync("noise", 50.8475, 4.3540, "Grasmarkt 1", "Muziek na middernacht");

        Assert.Equal([noise, laken, glass], await IdsAsync("/api/dossiers"));
        Assert.Equal([laken, glass], await IdsAsync("/api/dossiers?category=illegal-dumping"));
        Assert.Equal([laken], await IdsAsync("/api/dossiers?neighbourhood=laken-oost"));
        Assert.Equal([glass], await IdsAsync("/api/dossiers?q=etuve"));                 // the address, accents aside
        Assert.Equal([glass], await IdsAsync("/api/dossiers?q=GLASBAK%20rue"));         // every word must match
        Assert.Empty(await IdsAsync("/api/dossiers?q=glasbak%20matras"));
        Assert.Equal([laken], await IdsAsync($"/api/dossiers?q={laken[..8]}"));        // the reference
        Assert.Equal([noise], await IdsAsync("/api/dossiers?q=muziek&partner=local-police"));
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        Assert.Equal([glass], await IdsAsync($"/api/dossiers?to={today.AddDays(-2):yyyy-MM-dd}"));
        Assert.Equal([noise, laken], await IdsAsync($"/api/dossiers?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}"));
    }

    [Fact]
    public async Task TheListSortsByOldestOpenAndMostOverdueAndFiltersOverdueAndEscalated()
    {
        var first = await RecordAsync("illegal-dumping", 50.8440, 4.3480, null, null);
        _time.Advance(TimeSpan.FromHours(1));
        var second = await RecordAsync("illegal-dumping", 50.8445, 4.3500, null, null);
        _time.Advance(TimeSpan.FromHours(1));
        var third = await RecordAsync("noise", 50.8450, 4.3520, null, null);
        Assert.True((await _coordinator.PostAsJsonAsync($"/api/dossiers/{first}/transitions", new { to = "resolved" })).IsSuccessStatusCode);

        Assert.Equal([second, third], await IdsAsync("/api/dossiers?sort=oldest-open"));
        Assert.Empty(await IdsAsync("/api/dossiers?overdue=true"));

        _time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(90)); // the acknowledgement deadlines pass
        Assert.Equal([second, third], await IdsAsync("/api/dossiers?sort=most-overdue&overdue=true"));
        Assert.Equal([third, second], await IdsAsync("/api/dossiers?overdue=true"));
        var page = await _coordinator.GetFromJsonAsync<JsonElement>("/api/dossiers?overdue=true");
        Assert.All(page.GetProperty("items").EnumerateArray(), d => Assert.True(d.GetProperty("daysOverdue").GetInt32() >= 1));
    }

    [Fact]
    public async Task AnEscalatedDossierIsInTheEscalatedListWithItsRemindersCounted()
    {
        var ignored = await RecordAsync("illegal-dumping", 50.8440, 4.3480, null, null);
        var acknowledged = await RecordAsync("noise", 50.8450, 4.3520, null, null);
        await _coordinator.PostAsJsonAsync($"/api/dossiers/{acknowledged}/transitions", new { to = "acknowledged" });

        // Reminder, second reminder, escalation: two days apart in the tests' settings.
        var forwarded = _time.GetUtcNow();
        foreach (var days in new[] { 2, 4, 6 })
        {
            _time.SetUtcNow(forwarded + TimeSpan.FromDays(days) + TimeSpan.FromMinutes(5));
            var now = _time.GetUtcNow();
            await Eventually.TrueAsync(async () =>
                !await _app.Table("FollowUpDue").QueryAsync<Azure.Data.Tables.TableEntity>().AnyAsync(e => e.GetDateTimeOffset("DueAt") <= now)
                && (await _app.Queue(_app.Setting("FollowUpQueue")).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0,
                $"the follow-up due {days} days after forwarding");
        }

        var timeline = (await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{ignored}")).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["reminder", "reminder", "escalation"], timeline.Where(e => e.TryGetProperty("deadline", out var d) && d.GetString() == "acknowledgement").Select(e => e.GetProperty("kind").GetString()));
        await Eventually.TrueAsync(async () => (await IdsAsync("/api/dossiers?escalated=true")).Contains(ignored), "the escalated dossier in the list");
        Assert.DoesNotContain(ignored, await IdsAsync("/api/dossiers?escalated=false"));
        var row = (await _coordinator.GetFromJsonAsync<JsonElement>("/api/dossiers?escalated=true")).GetProperty("items").EnumerateArray().Single(d => d.GetProperty("id").GetString() == ignored);
        Assert.True(row.GetProperty("remindersSent").GetInt32() >= 2);
    }

    [Fact]
    public async Task TheCountsPerStatusFollowEveryChangeAndTheFilter()
    {
        var a = await RecordAsync("illegal-dumping", 50.8440, 4.3480, null, null);
        var b = await RecordAsync("illegal-dumping", 50.8445, 4.3500, null, null);
        await RecordAsync("noise", 50.8450, 4.3520, null, null);
        await _coordinator.PostAsJsonAsync($"/api/dossiers/{a}/transitions", new { to = "acknowledged" });
        await _coordinator.PostAsJsonAsync($"/api/dossiers/{b}/transitions", new { to = "rejected", reason = "Privéterrein" });

        await Eventually.TrueAsync(async () => (await _coordinator.GetFromJsonAsync<JsonElement>("/api/dossiers")).GetProperty("counts").GetProperty("byStatus")
            .EnumerateObject().Sum(c => c.Value.GetInt32()) == 3, "every dossier counted");
        var all = (await _coordinator.GetFromJsonAsync<JsonElement>("/api/dossiers")).GetProperty("counts");
        Assert.Equal(1, all.GetProperty("byStatus").GetProperty("forwarded").GetInt32());
        Assert.Equal(1, all.GetProperty("byStatus").GetProperty("acknowledged").GetInt32());
        Assert.Equal(1, all.GetProperty("byStatus").GetProperty("rejected").GetInt32());
        Assert.Equal(0, all.GetProperty("byStatus").GetProperty("new").GetInt32());

        var dumping = (await _coordinator.GetFromJsonAsync<JsonElement>("/api/dossiers?category=illegal-dumping&status=forwarded")).GetProperty("counts");
        Assert.Equal(0, dumping.GetProperty("byStatus").GetProperty("forwarded").GetInt32());
        Assert.Equal(1, dumping.GetProperty("byStatus").GetProperty("acknowledged").GetInt32());
        Assert.Equal(["category"], dumping.GetProperty("scope").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task AStatusChangeMovesTheDossierBetweenStatusLists()
    {
        var id = await RecordAsync("illegal-dumping", 50.8440, 4.3480, null, null);
        Assert.Equal([id], await IdsAsync("/api/dossiers?status=forwarded"));

        var moved = await _coordinator.PostAsJsonAsync($"/api/dossiers/{id}/transitions", new { to = "acknowledged" });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Empty(await IdsAsync("/api/dossiers?status=forwarded"));
        Assert.Equal([id], await IdsAsync("/api/dossiers?status=acknowledged"));
    }

    [Theory]
    [InlineData("status=", "status")]
    [InlineData("status=lost", "status")]
    [InlineData("status=InProgress", "status")]
    [InlineData("partner=", "partner")]
    [InlineData("partner=Net%20Brussel", "partner")]
    [InlineData("category=", "category")]
    [InlineData("category=fireworks", "category")]
    [InlineData("neighbourhood=atlantis", "neighbourhood")]
    [InlineData("neighbourhood=", "neighbourhood")]
    [InlineData("overdue=", "overdue")]
    [InlineData("overdue=yes", "overdue")]
    [InlineData("escalated=1", "escalated")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=", "from")]
    [InlineData("to=2026-02-30", "to")]
    [InlineData("from=2026-12-31&to=2026-12-01", "to")]
    [InlineData("from=1900-01-01", "from")]
    [InlineData("q=", "q")]
    [InlineData("q=a%20b", "q")]
    [InlineData("q=%3D%2B", "q")]
    [InlineData("sort=random", "sort")]
    [InlineData("sort=", "sort")]
    [InlineData("status=new&status=forwarded", "status")]
    public async Task AnEmptyOrInvalidFilterIsAProblemNamingIt(string query, string field)
    {
        foreach (var path in new[] { "/api/dossiers", "/api/dossiers/export.csv" })
        {
            var response = await _coordinator.GetAsync($"{path}?{query}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.ProblemAsync();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
    }

    [Fact]
    public async Task ALongSearchIsRefused()
    {
        var response = await _coordinator.GetAsync($"/api/dossiers?q={new string('x', 101)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("q", out _));
    }

    private async Task<string> RecordAsync(string category, double latitude, double longitude, string? address, string? description)
    {
        var observation = Requests.Observation(Guid.NewGuid(), category, _time.GetUtcNow(), latitude, longitude);
        observation["address"] = address;
        observation["description"] = description;
        var id = await _app.RecordAndForwardAsync(observation);
        // The list is kept right after the dossier is saved: the forwarding may be finishing it still.
        await Eventually.TrueAsync(async () => (await IdsAsync($"/api/dossiers?q={id[..8]}&status=forwarded")).Contains(id), $"dossier {id} in the list");
        return id;
    }

    private async Task<List<string>> IdsAsync(string url) =>
        [.. (await _coordinator.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()!)];
}
