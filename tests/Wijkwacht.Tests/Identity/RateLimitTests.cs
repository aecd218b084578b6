namespace Wijkwacht.Tests.Identity;

public sealed class RateLimitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite, settings: new Dictionary<string, string?> { ["RateLimiting:PublicPermitsPerMinute"] = "5" });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task APublicEndpointAnswers429WithRetryAfterOnceAClientUsedItsShareAndOtherClientsGoOn()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        var other = _app.CreateClient();
        other.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await client.GetAsync("/api/categories"));
        }

        Assert.All(answers.Take(5), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[5].StatusCode);
        Assert.Equal("Too many requests.", (await answers[5].ProblemAsync()).GetProperty("title").GetString());
        Assert.NotNull(answers[5].Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/categories")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync($"/api/partner/dossiers/{Guid.NewGuid()}?token=x")).StatusCode);
    }

    [Fact]
    public async Task TheClientsPortDoesNotMakeItANewClient()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            var client = _app.CreateClient();
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"192.0.2.44:{50000 + i}");
            answers.Add(await client.GetAsync("/api/officers/officer-marc/slots"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[5].StatusCode);
    }
}

/// <summary>However many addresses the callers claim, anonymous traffic as a whole has a ceiling.</summary>
public sealed class TotalRateLimitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite, settings: new Dictionary<string, string?>
    {
        ["RateLimiting:PublicPermitsPerMinute"] = "100",
        ["RateLimiting:PublicTotalPermitsPerMinute"] = "8",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ClaimingANewAddressForEveryRequestStillMeetsTheOverallCeiling()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
        {
            var client = _app.CreateClient();
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            answers.Add((await client.GetAsync("/api/categories")).StatusCode);
        }

        Assert.All(answers.Take(8), a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[8]);
        var signedIn = await _app.ClientAs("coordinator-1", "coordinator").GetAsync("/api/dossiers");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode); // the ceiling is for anonymous endpoints only
    }
}
