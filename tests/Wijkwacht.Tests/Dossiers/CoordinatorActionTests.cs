using System.Text;

namespace Wijkwacht.Tests.Dossiers;

/// <summary>What a coordinator does with one dossier: its timeline, notes, a race for a transition, nearby dossiers, the CSV and saved filters.</summary>
public sealed class CoordinatorActionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private WijkwachtApp _app = null!;
    private HttpClient _coordinator = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite);
        _coordinator = _app.ClientAs("coordinator-1", "coordinator");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task OfTwoCoordinatorsChangingTheSameVersionOneWinsAndTheOtherGets412()
    {
        var id = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var etag = (await _coordinator.GetAsync($"/api/dossiers/{id}")).Headers.ETag!.ToString();
        var other = _app.ClientAs("coordinator-2", "coordinator");

        var answers = await Task.WhenAll(
            Transition(_coordinator, id, etag, new { to = "acknowledged" }),
            Transition(other, id, etag, new { to = "rejected", reason = "Niet onze dienst" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], answers.Select(a => a.StatusCode).Order());
        var lost = answers.Single(a => a.StatusCode == HttpStatusCode.PreconditionFailed);
        Assert.Contains("changed meanwhile", (await lost.ProblemAsync()).GetProperty("title").GetString(), StringComparison.Ordinal);
        var won = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
        var dossier = await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}");
        Assert.Equal((await won.JsonAsync()).GetProperty("status").GetString(), dossier.GetProperty("status").GetString());
        Assert.Single(dossier.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "transition");
    }

    [Fact]
    public async Task TheTimelineListsEveryEventInOrderWithItsActor()
    {
        var id = await _app.RecordAndForwardAsync(Guid.NewGuid());
        await _coordinator.PostAsJsonAsync($"/api/dossiers/{id}/transitions", new { to = "acknowledged", reason = "Namens Net Brussel" });
        await _coordinator.PostAsJsonAsync($"/api/dossiers/{id}/notes", new { id = Guid.NewGuid(), text = "Buurman belde opnieuw." });

        var timeline = (await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}")).GetProperty("timeline").EnumerateArray().ToList();

        Assert.Equal(["opened", "mail", "transition", "note"], timeline.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(["system", "system", "coordinator-1", "coordinator-1"], timeline.Select(e => e.GetProperty("actor").GetString()));
        Assert.Equal(timeline.Select(e => e.GetProperty("at").GetDateTimeOffset()).Order(), timeline.Select(e => e.GetProperty("at").GetDateTimeOffset()));
        Assert.Equal("forwarded→acknowledged", timeline[2].GetProperty("change").GetString());
        Assert.Equal("Namens Net Brussel", timeline[2].GetProperty("note").GetString());
        Assert.Equal("meldingen@net-brussel.example", timeline[1].GetProperty("to").GetString());
    }

    [Fact]
    public async Task AnInternalNoteIsAddedOnceOnARetryAndNeverReachesThePartnerOrTheExport()
    {
        var id = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var etag = (await _coordinator.GetAsync($"/api/dossiers/{id}")).Headers.ETag!.ToString();
        var note = new { id = Guid.NewGuid(), text = "Vertrouwelijk: de melder is de buurman van nr. 14" };

        var first = await _coordinator.PostAsJsonAsync($"/api/dossiers/{id}/notes", note);
        var retry = await _coordinator.PostAsJsonAsync($"/api/dossiers/{id}/notes", note);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single((await retry.JsonAsync()).GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "note");
        Assert.Equal(etag, first.Headers.ETag!.ToString()); // a note is no change to the dossier: a colleague's If-Match still holds

        var link = await _app.PartnerLinkFromMailAsync(id);
        var token = link.Query.Split("token=")[1];
        var partnerView = await _app.CreateClient().GetStringAsync($"/api/partner/dossiers/{id}?token={token}");
        Assert.DoesNotContain("Vertrouwelijk", partnerView, StringComparison.Ordinal);
        var csv = await Eventually.GetAsync(async () => await _coordinator.GetStringAsync("/api/dossiers/export.csv") is var text && text.Contains(id[..8], StringComparison.Ordinal) ? text : null, "the dossier in the export");
        Assert.DoesNotContain("Vertrouwelijk", csv, StringComparison.Ordinal);
        Assert.Contains(id[..8], csv, StringComparison.Ordinal);
        var mails = await _app.CreateClient().GetStringAsync("/api/dev/outbox");
        Assert.DoesNotContain("Vertrouwelijk", mails, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\":\"5b1f0c1e-6a7e-4a8e-9d1e-2b9d3c0a1f00\",\"text\":\"\"}", "text")]
    [InlineData("{\"text\":\"Zonder id\"}", "id")]
    [InlineData("{\"id\":\"5b1f0c1e-6a7e-4a8e-9d1e-2b9d3c0a1f00\"}", "text")]
    public async Task ANoteWithoutTextOrIdIsAProblemNamingTheField(string body, string field)
    {
        var id = await _app.RecordAndForwardAsync(Guid.NewGuid());

        var response = await _coordinator.PostAsync($"/api/dossiers/{id}/notes", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task TheCsvQuotesAsRfc4180NeutralisesFormulasAndUsesASemicolonOnRequest()
    {
        var observation = Requests.Observation(Guid.NewGuid());
        observation["address"] = "=HYPERLINK(\"http://evil.example\";\"klik\"), Rue \"Haute\"; 12";
        var id = await _app.RecordAndForwardAsync(observation);

        await Eventually.TrueAsync(async () => (await _coordinator.GetStringAsync("/api/dossiers/export.csv")).Contains(id[..8], StringComparison.Ordinal), "the dossier in the export");
        var response = await _coordinator.GetAsync("/api/dossiers/export.csv?separator=semicolon&category=illegal-dumping");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("reference;category;subcategory;neighbourhood;address;partner;status;latitude;longitude;recorded;forwarded;acknowledged;resolved;closed;reminders sent;escalated;days overdue", lines[0]);
        var row = lines[1];
        Assert.StartsWith($"{id[..8]};illegal-dumping;;", row, StringComparison.Ordinal);
        Assert.Contains(";\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"klik\"\"), Rue \"\"Haute\"\"; 12\";net-brussel;forwarded;", row, StringComparison.Ordinal);
        Assert.Equal("", lines[^1]);

        var comma = await _coordinator.GetStringAsync("/api/dossiers/export.csv");
        Assert.StartsWith("reference,category,", comma.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(", comma, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNearbyPanelListsDossiersOfTheSameCategoryWithin50Metres()
    {
        var here = await _app.RecordAndForwardAsync(Requests.Observation(Guid.NewGuid(), "graffiti-vandalism", DateTimeOffset.UtcNow, 50.84700, 4.35200));
        await _coordinator.PostAsJsonAsync($"/api/dossiers/{here}/transitions", new { to = "resolved" }); // closed: a new one opens nearby
        var close = await _app.RecordAndForwardAsync(Requests.Observation(Guid.NewGuid(), "graffiti-vandalism", DateTimeOffset.UtcNow, 50.84720, 4.35210)); // ~23 m
        var far = await _app.RecordAndForwardAsync(Requests.Observation(Guid.NewGuid(), "graffiti-vandalism", DateTimeOffset.UtcNow, 50.84760, 4.35200)); // ~67 m
        var other = await _app.RecordAndForwardAsync(Requests.Observation(Guid.NewGuid(), "noise", DateTimeOffset.UtcNow, 50.84705, 4.35205));

        var nearby = (await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{close}/nearby")).EnumerateArray().ToList();

        var only = Assert.Single(nearby);
        Assert.Equal(here, only.GetProperty("id").GetString());
        Assert.Equal("resolved", only.GetProperty("status").GetString());
        Assert.InRange(only.GetProperty("distanceMeters").GetInt32(), 15, 30);
        Assert.DoesNotContain(far, nearby.Select(n => n.GetProperty("id").GetString()));
        Assert.DoesNotContain(other, nearby.Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await _coordinator.GetAsync($"/api/dossiers/{Guid.NewGuid()}/nearby")).StatusCode);
    }

    [Fact]
    public async Task SavedFiltersBelongToTheirUserAndSavingANameAgainReplacesIt()
    {
        var other = _app.ClientAs("coordinator-2", "coordinator");

        var saved = await _coordinator.PostAsJsonAsync("/api/me/filters", new { name = "Sluikstort centrum", query = "?neighbourhood=centrum&category=illegal-dumping" });
        var again = await _coordinator.PostAsJsonAsync("/api/me/filters", new { name = "Sluikstort centrum", query = "category=illegal-dumping&overdue=true" });
        await other.PostAsJsonAsync("/api/me/filters", new { name = "Lawaai", query = "category=noise" });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var mine = (await _coordinator.GetFromJsonAsync<JsonElement>("/api/me/filters")).EnumerateArray().ToList();
        var filter = Assert.Single(mine);
        Assert.Equal("category=illegal-dumping&overdue=true", filter.GetProperty("query").GetString());
        Assert.Equal((await again.JsonAsync()).GetProperty("id").GetString(), filter.GetProperty("id").GetString());
        Assert.Equal(["Lawaai"], (await other.GetFromJsonAsync<JsonElement>("/api/me/filters")).EnumerateArray().Select(f => f.GetProperty("name").GetString()));

        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/me/filters/{filter.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _coordinator.DeleteAsync($"/api/me/filters/{filter.GetProperty("id").GetString()}")).StatusCode);
        Assert.Empty((await _coordinator.GetFromJsonAsync<JsonElement>("/api/me/filters")).EnumerateArray());
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"query\":\"status=lost\"}", "query")]
    [InlineData("{\"name\":\"x\",\"query\":\"colour=red\"}", "query")]
    [InlineData("{\"name\":\"\",\"query\":\"\"}", "name")]
    [InlineData("{\"query\":\"status=new\"}", "name")]
    public async Task ASavedFilterMustBeAFilterOfTheList(string body, string field)
    {
        var response = await _coordinator.PostAsync("/api/me/filters", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    private static async Task<HttpResponseMessage> Transition(HttpClient client, string id, string etag, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/dossiers/{id}/transitions") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }
}
