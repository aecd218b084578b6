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

    [Fact]
    public async Task TheMostSpecificRoutingRuleWinsWithCategoryOverNeighbourhoodOverGas()
    {
        var rules = new
        {
            rules = new object[]
            {
                new { category = "*", partnerId = "prevention" },
                new { category = "*", neighbourhood = "anneessens", partnerId = "public-works" },
                new { category = "illegal-dumping", partnerId = "net-brussel" },
                new { category = "illegal-dumping", neighbourhood = "marollen", partnerId = "green-spaces" },
                new { category = "illegal-dumping", gas = true, partnerId = "local-police" },
                new { category = "illegal-dumping", neighbourhood = "marollen", gas = true, partnerId = "public-works" },
                new { category = "noise", neighbourhood = "centrum", partnerId = "local-police" },
                new { category = "noise", gas = true, partnerId = "green-spaces" },
            },
        };
        Assert.Equal(HttpStatusCode.OK, (await _coordinator.PutAsJsonAsync("/api/routing-rules", rules)).StatusCode);

        // Each at its own spot, more than 50 m from the others of its category, so none joins another's dossier.
        Assert.Equal("green-spaces", await PartnerOfAsync("illegal-dumping", 50.8378, 4.3460, "marollen", gas: false)); // neighbourhood over category alone
        Assert.Equal("public-works", await PartnerOfAsync("illegal-dumping", 50.83958, 4.34776, "marollen", gas: true)); // all three over any two
        Assert.Equal("local-police", await PartnerOfAsync("illegal-dumping", 50.84251, 4.34569, "anneessens", gas: true)); // GAS over category alone
        Assert.Equal("net-brussel", await PartnerOfAsync("illegal-dumping", 50.8443, 4.3458, "anneessens", gas: false)); // category over neighbourhood
        Assert.Equal("public-works", await PartnerOfAsync("noise", 50.8443, 4.3458, "anneessens", gas: false)); // neighbourhood over the catch-all
        Assert.Equal("local-police", await PartnerOfAsync("noise", 50.8466, 4.3528, "centrum", gas: true)); // neighbourhood over GAS
        Assert.Equal("green-spaces", await PartnerOfAsync("noise", 50.85045, 4.34878, "dansaert", gas: true));
        Assert.Equal("prevention", await PartnerOfAsync("noise", 50.85301, 4.35262, "dansaert", gas: false));
    }

    [Fact]
    public async Task CreatingAndReplacingAPartnerIsInItsAuditTrailWithWhoAndWhat()
    {
        Assert.Equal(HttpStatusCode.Created, (await _coordinator.PostAsJsonAsync("/api/partners", Partner())).StatusCode);
        var replaced = await _app.ClientAs("admin-1", "admin").PutAsJsonAsync("/api/partners/street-art-team", Partner(email: "tags@brussels.example"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var trail = await _app.ClientAs("admin-1", "admin").GetFromJsonAsync<JsonElement>("/api/audit?entity=partner&id=street-art-team");
        var other = await _app.ClientAs("admin-1", "admin").GetFromJsonAsync<JsonElement>("/api/audit?entity=partner&id=net-brussel");

        var entries = trail.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["created", "replaced"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(("coordinator-1", "coordinator"), (entries[0].GetProperty("actor").GetString(), entries[0].GetProperty("roles").GetString()));
        Assert.Equal("graffiti@brussels.example", entries[0].GetProperty("changes").GetProperty("email").GetString());
        Assert.Equal(("admin-1", "admin"), (entries[1].GetProperty("actor").GetString(), entries[1].GetProperty("roles").GetString()));
        Assert.Equal("graffiti@brussels.example", entries[1].GetProperty("changes").GetProperty("before").GetProperty("email").GetString());
        Assert.Equal("tags@brussels.example", entries[1].GetProperty("changes").GetProperty("after").GetProperty("email").GetString());
        Assert.Empty(other.GetProperty("entries").EnumerateArray());
    }

    private async Task<string> PartnerOfAsync(string category, double latitude, double longitude, string neighbourhood, bool gas)
    {
        var observation = Requests.Observation(Guid.NewGuid(), category, null, latitude, longitude);
        observation["gas"] = gas ? new { article = "Art. 5 APR", offenderIdentified = false } : null;
        var dossierId = await _app.RecordAndForwardAsync(observation);
        var recorded = await _coordinator.GetFromJsonAsync<JsonElement>($"/api/observations/{observation["id"]}");
        Assert.Equal(neighbourhood, recorded.GetProperty("neighbourhood").GetProperty("id").GetString());
        return (await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{dossierId}")).GetProperty("partnerId").GetString()!;
    }

    [Theory]
    [InlineData("""{"rules":[{"category":"noise","partnerId":"local-police"}]}""", "rules")]
    [InlineData("""{"rules":[{"category":"*","partnerId":"nobody"}]}""", "rules[0].partnerId")]
    [InlineData("""{"rules":[{"category":"ufo","partnerId":"prevention"},{"category":"*","partnerId":"prevention"}]}""", "rules[0].category")]
    [InlineData("""{"rules":[{"category":"*","partnerId":"prevention"},{"category":"*","partnerId":"local-police"}]}""", "rules[1]")]
    [InlineData("""{"rules":[{"category":"*","neighbourhood":"Marollen!","partnerId":"prevention"}]}""", "rules[0].neighbourhood")]
    [InlineData("""{"rules":[{"category":"noise","neighbourhood":"atlantis","partnerId":"prevention"},{"category":"*","partnerId":"prevention"}]}""", "rules[0].neighbourhood")]
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
