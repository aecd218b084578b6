using Microsoft.Extensions.Time.Testing;

namespace Wijkwacht.Tests.Hosting;

public sealed class HealthTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task HealthIs200WhileStorageAnswers()
    {
        await using var app = new WijkwachtApp(azurite);

        var response = await app.CreateClient().GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", (await response.JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task HealthAnswersFromOneCheckForTwoSecondsThen503AsAProblemOnceStorageIsGone()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ownAzurite = new AzuriteFixture();
        await ownAzurite.InitializeAsync();
        await using var app = new WijkwachtApp(ownAzurite, time, settings: new Dictionary<string, string?> { ["LocalTriggerHost:Enabled"] = "false" });
        var client = app.CreateClient();
        var first = await client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var checkedAt = (await first.JsonAsync()).GetProperty("checkedAt").GetDateTimeOffset();

        await ownAzurite.DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        var cached = await client.GetAsync("/api/health");
        time.Advance(TimeSpan.FromSeconds(1.5));
        var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, cached.StatusCode); // no storage round trip: the same check answers
        Assert.Equal(checkedAt, (await cached.JsonAsync()).GetProperty("checkedAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Storage is not reachable.", (await response.ProblemAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task HealthIsRateLimitedPerClient()
    {
        await using var app = new WijkwachtApp(azurite, settings: new Dictionary<string, string?> { ["RateLimiting:HealthPermitsPerMinute"] = "3" });
        var client = app.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await client.GetAsync("/api/health")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
    }
}
