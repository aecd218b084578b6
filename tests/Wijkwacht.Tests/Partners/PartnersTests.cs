namespace Wijkwacht.Tests.Partners;

public sealed class PartnersTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite);
    private HttpClient _coordinator = null!;

    public ValueTask InitializeAsync()
    {
        _coordinator = _app.ClientAs("coordinator-1", "coordinator");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static object Partner(string id = "street-art-team", string? email = "graffiti@brussels.example", string? webhookUrl = null) => new
    {
        id,
        name = "Graffiti-ploeg / Équipe graffiti",
        language = "fr",
        email,
        webhookUrl,
        serviceLevels = new[] { new { category = "graffiti-vandalism", acknowledgeWithinWorkingDays = 1, resolveWithinWorkingDays = 5 } },
    };

    [Fact]
    public async Task ACoordinatorAddsAPartnerThatIsThenListed()
    {
        var created = await _coordinator.PostAsJsonAsync("/api/partners", Partner());
        var list = await _coordinator.GetFromJsonAsync<JsonElement>("/api/partners");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/partners/street-art-team", created.Headers.Location?.OriginalString);
        var partner = Assert.Single(list.GetProperty("partners").EnumerateArray(), p => p.GetProperty("id").GetString() == "street-art-team");
        Assert.Equal(1, partner.GetProperty("serviceLevels")[0].GetProperty("acknowledgeWithinWorkingDays").GetInt32());
        Assert.Contains(list.GetProperty("partners").EnumerateArray(), p => p.GetProperty("id").GetString() == "net-brussel"); // the demo partners
    }

    [Fact]
    public async Task AWebhookPartnerGetsItsSigningSecretOnceAndNeverAgain()
    {
        var created = await (await _coordinator.PostAsJsonAsync("/api/partners", Partner("hooks", email: null, webhookUrl: "https://partner.example/wijkwacht"))).JsonAsync();
        var read = await _coordinator.GetFromJsonAsync<JsonElement>("/api/partners/hooks");

        Assert.Equal(44, created.GetProperty("webhookSecret").GetString()!.Length);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("webhookSecret").ValueKind);
    }

    [Fact]
    public async Task APartnerIdCanOnlyBeUsedOnce()
    {
        await _coordinator.PostAsJsonAsync("/api/partners", Partner());

        var again = await _coordinator.PostAsJsonAsync("/api/partners", Partner());

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await again.ProblemAsync();
    }

    [Theory]
    [InlineData("""{"id":"x1","name":"Xy","language":"nl"}""", "email")]
    [InlineData("""{"id":"x1","name":"Xy","language":"de","email":"a@b.example"}""", "language")]
    [InlineData("""{"id":"X 1","name":"Xy","language":"nl","email":"a@b.example"}""", "id")]
    [InlineData("""{"id":"x1","name":"Xy","language":"nl","email":"not an address"}""", "email")]
    [InlineData("""{"id":"x1","name":"Xy","language":"nl","webhookUrl":"http://partner.example/hook"}""", "webhookUrl")]
    [InlineData("""{"id":"x1","name":"Xy","language":"nl","webhookUrl":"file:///etc/passwd"}""", "webhookUrl")]
    [InlineData("""{"id":"x1","name":"Xy","language":"nl","email":"a@b.example","serviceLevels":[{"category":"unicorns","acknowledgeWithinWorkingDays":1,"resolveWithinWorkingDays":2}]}""", "serviceLevels[0].category")]
    [InlineData("""{"id":"x1","name":"Xy","language":"nl","email":"a@b.example","serviceLevels":[{"category":"noise","acknowledgeWithinWorkingDays":5,"resolveWithinWorkingDays":2}]}""", "serviceLevels[0].resolveWithinWorkingDays")]
    [InlineData("""{"id":"x1","name":"Xy","language":"nl","email":"a@b.example","serviceLevels":[{"category":"noise","acknowledgeWithinWorkingDays":0,"resolveWithinWorkingDays":2}]}""", "serviceLevels[0].acknowledgeWithinWorkingDays")]
    public async Task AnInvalidPartnerIsRefusedWithTheFieldNamed(string body, string field)
    {
        var response = await _coordinator.PostAsync("/api/partners", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await _coordinator.GetAsync("/api/partners/x1")).StatusCode);
    }

    [Fact]
    public async Task ReplacingAPartnerSomeoneElseChangedIsRefusedWith412()
    {
        await _coordinator.PostAsJsonAsync("/api/partners", Partner());
        var etag = (await _coordinator.GetAsync("/api/partners/street-art-team")).Headers.GetValues("ETag").Single();
        await _coordinator.PutAsJsonAsync("/api/partners/street-art-team", Partner());

        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/partners/street-art-team") { Content = JsonContent.Create(Partner()) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await _coordinator.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task NewRoutingRulesSendTheNextObservationToTheirPartner()
    {
        var rules = new
        {
            rules = new object[]
            {
                new { category = "illegal-dumping", partnerId = "green-spaces" },
                new { category = "*", partnerId = "prevention" },
            },
        };
        var replaced = await _coordinator.PutAsJsonAsync("/api/routing-rules", rules);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping");

        var dossier = await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{dossierId}");
        Assert.Equal("green-spaces", dossier.GetProperty("partnerId").GetString());
        var audit = await _app.ClientAs("admin-1", "admin").GetFromJsonAsync<JsonElement>("/api/audit?entity=routing-rule&id=all");
        Assert.Equal("coordinator-1", Assert.Single(audit.GetProperty("entries").EnumerateArray()).GetProperty("actor").GetString());
    }

    [Theory]
    [InlineData("""{"rules":[{"category":"noise","partnerId":"local-police"}]}""", "rules")]
    [InlineData("""{"rules":[{"category":"*","partnerId":"nobody"}]}""", "rules[0].partnerId")]
    [InlineData("""{"rules":[{"category":"ufo","partnerId":"prevention"},{"category":"*","partnerId":"prevention"}]}""", "rules[0].category")]
    [InlineData("""{"rules":[{"category":"*","partnerId":"prevention"},{"category":"*","partnerId":"local-police"}]}""", "rules[1]")]
    [InlineData("""{"rules":[{"category":"*","neighbourhood":"Marollen!","partnerId":"prevention"}]}""", "rules[0].neighbourhood")]
    public async Task InvalidRoutingRulesAreRefusedAndTheOldOnesStay(string body, string field)
    {
        var before = await _coordinator.GetStringAsync("/api/routing-rules");

        var response = await _coordinator.PutAsync("/api/routing-rules", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await _coordinator.GetStringAsync("/api/routing-rules"));
    }
}
