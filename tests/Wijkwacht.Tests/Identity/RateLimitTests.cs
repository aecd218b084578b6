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
}
