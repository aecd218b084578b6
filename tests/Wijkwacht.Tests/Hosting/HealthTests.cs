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
    public async Task HealthIs503AsAProblemOnceStorageIsGone()
    {
        var ownAzurite = new AzuriteFixture();
        await ownAzurite.InitializeAsync();
        await using var app = new WijkwachtApp(ownAzurite, settings: new Dictionary<string, string?> { ["LocalTriggerHost:Enabled"] = "false" });
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);

        await ownAzurite.DisposeAsync();
        var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Storage is not reachable.", (await response.ProblemAsync()).GetProperty("title").GetString());
    }
}
