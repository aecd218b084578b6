using System.Security.Cryptography;
using System.Text;

namespace Wijkwacht.Tests.Webhooks;

/// <summary>A partner reached by webhook, on a real local listener, with the follow-up sweep running every second.</summary>
public sealed class WebhookTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RecordingListener _partner = null!;
    private WijkwachtApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _partner = await RecordingListener.StartAsync();
        _app = new WijkwachtApp(azurite, settings: new Dictionary<string, string?>
        {
            ["FollowUpSweepSchedule"] = "*/1 * * * * *",
            ["Webhooks:MaxAttempts"] = "3",
            ["Webhooks:FirstRetryDelay"] = "00:00:00.200",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _partner.DisposeAsync();
    }

    [Fact]
    public async Task AWebhookPartnerReceivesACorrectlySignedPostAboutItsNewDossier()
    {
        var secret = await RouteNoiseToAWebhookPartnerAsync();

        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid(), "noise");
        var post = await Eventually.GetAsync(() => Task.FromResult(_partner.Requests.Count > 0 ? _partner.Requests[0] : null), "the webhook call");

        Assert.Equal("POST", post.Method);
        Assert.Equal("/hooks/wijkwacht", post.PathAndQuery);
        var timestamp = post.Headers["X-Wijkwacht-Timestamp"];
        Assert.InRange(long.Parse(timestamp), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{Encoding.UTF8.GetString(post.Body)}")));
        Assert.Equal(expected, post.Headers["X-Wijkwacht-Signature"]);
        Assert.Equal("dossier.forwarded", post.Headers["X-Wijkwacht-Event"]);
        var body = JsonDocument.Parse(post.Body).RootElement;
        Assert.Equal(post.Headers["X-Wijkwacht-Delivery"], body.GetProperty("deliveryId").GetString());
        Assert.Equal(dossierId, body.GetProperty("dossier").GetProperty("id").GetString());
        Assert.Equal("Nuisances sonores", body.GetProperty("dossier").GetProperty("categoryLabel").GetString());
        Assert.Contains("/partner/?dossier=", body.GetProperty("dossier").GetProperty("link").GetString(), StringComparison.Ordinal);

        await Task.Delay(1500); // a few sweeps: a delivered webhook is not sent again
        Assert.Single(_partner.Requests);
    }

    [Fact]
    public async Task AWebhookThatKeepsFailingIsTriedItsAttemptsThenListedAsADeadLetter()
    {
        _partner.DefaultStatus = HttpStatusCode.InternalServerError;
        await RouteNoiseToAWebhookPartnerAsync();

        await _app.RecordAndForwardAsync(Guid.NewGuid(), "noise");
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        await Eventually.TrueAsync(async () =>
            (await coordinator.GetFromJsonAsync<JsonElement>("/api/webhooks/dead-letters")).GetProperty("items").GetArrayLength() > 0, "the dead letter");

        var dead = Assert.Single((await coordinator.GetFromJsonAsync<JsonElement>("/api/webhooks/dead-letters")).GetProperty("items").EnumerateArray());
        Assert.Equal(3, dead.GetProperty("attempts").GetInt32());
        Assert.Equal("city-hooks", dead.GetProperty("partnerId").GetString());
        Assert.Contains("500", dead.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        await Task.Delay(1500);
        Assert.Equal(3, _partner.Requests.Count);
        Assert.Single(_partner.Requests.Select(r => r.Headers["X-Wijkwacht-Delivery"]).Distinct());
    }

    private async Task<string> RouteNoiseToAWebhookPartnerAsync()
    {
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        var created = await coordinator.PostAsJsonAsync("/api/partners", new
        {
            id = "city-hooks",
            name = "Stadsdiensten / Services de la Ville",
            language = "fr",
            webhookUrl = new Uri(_partner.BaseAddress, "/hooks/wijkwacht").ToString(),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rules = await coordinator.PutAsJsonAsync("/api/routing-rules", new
        {
            rules = new object[] { new { category = "noise", partnerId = "city-hooks" }, new { category = "*", partnerId = "prevention" } },
        });
        Assert.Equal(HttpStatusCode.OK, rules.StatusCode);
        return (await created.JsonAsync()).GetProperty("webhookSecret").GetString()!;
    }
}
