using Azure.Data.Tables;
using Wijkwacht.Messaging;
using Wijkwacht.Storage;

namespace Wijkwacht.Tests.Dossiers;

/// <summary>Through the local trigger host: observation → queue → ForwardDossier → dossier + e-mail in the outbox.</summary>
public sealed class ForwardingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ANewObservationBecomesAForwardedDossierWithAMailToThePartnerInTheOutbox()
    {
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        var id = Guid.NewGuid();

        var dossierId = await _app.RecordAndForwardAsync(id, "illegal-dumping");
        var dossier = await coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{dossierId}");

        Assert.Equal("forwarded", dossier.GetProperty("status").GetString());
        Assert.Equal("net-brussel", dossier.GetProperty("partnerId").GetString());
        Assert.Equal(id, dossier.GetProperty("observationIds")[0].GetGuid());
        var notification = Assert.Single(dossier.GetProperty("notifications").EnumerateArray());
        Assert.Equal("meldingen@net-brussel.example", notification.GetProperty("to").GetString());
        Assert.StartsWith("Nieuw dossier: Sluikstorten", notification.GetProperty("subject").GetString());

        // The dossier is saved as forwarded (and its list rows written) just before its mail goes out.
        await Eventually.TrueAsync(async () => (await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/dev/outbox")).GetProperty("items").GetArrayLength() > 0, "the mail to the partner");
        var outbox = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/dev/outbox");
        var mail = Assert.Single(outbox.GetProperty("items").EnumerateArray());
        Assert.Equal("meldingen@net-brussel.example", mail.GetProperty("to").GetString());
        var eml = await _app.CreateClient().GetStringAsync(mail.GetProperty("url").GetString());
        Assert.Contains("To: meldingen@net-brussel.example\r\n", eml, StringComparison.Ordinal);
        Assert.Contains("Content-Language: nl\r\n", eml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMailIsInThePartnersLanguage()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid(), "overgrown-vegetation");
        var dossier = await _app.ClientAs("coordinator-1", "coordinator").GetFromJsonAsync<JsonElement>($"/api/dossiers/{dossierId}");

        Assert.StartsWith("Nouveau dossier : Végétation envahissante", dossier.GetProperty("notifications")[0].GetProperty("subject").GetString());
    }

    [Fact]
    public async Task TheDevelopmentOutboxListsTheMailsNewestFirst()
    {
        var client = _app.CreateClient();
        var first = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping");
        // The mail follows the dossier's save: wait for it, so the second mail is surely sent later.
        await Eventually.TrueAsync(async () => (await _app.OutboxAsync()).GetArrayLength() == 1, "the first mail");
        var second = await _app.RecordAndForwardAsync(Guid.NewGuid(), "overgrown-vegetation");
        await Eventually.TrueAsync(async () => (await _app.OutboxAsync()).GetArrayLength() == 2, "the second mail");

        var items = (await _app.OutboxAsync()).EnumerateArray().ToList();

        Assert.Equal([$"{second}-forwarded", $"{first}-forwarded"], items.Select(i => i.GetProperty("id").GetString()));
        Assert.True(items[0].GetProperty("sentAt").GetDateTimeOffset() > items[1].GetProperty("sentAt").GetDateTimeOffset());
        Assert.Equal("espaces-verts@brussels.example", items[0].GetProperty("to").GetString());
        Assert.StartsWith("Nouveau dossier : Végétation envahissante", items[0].GetProperty("subject").GetString());
        Assert.Equal("meldingen@net-brussel.example", items[1].GetProperty("to").GetString());
        Assert.StartsWith("Nieuw dossier: Sluikstorten", items[1].GetProperty("subject").GetString());
        foreach (var item in items)
        {
            Assert.Equal($"/api/dev/outbox/{item.GetProperty("id").GetString()}", item.GetProperty("url").GetString());
            var eml = await client.GetStringAsync(item.GetProperty("url").GetString());
            Assert.Contains($"To: {item.GetProperty("to").GetString()}\r\n", eml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ARedeliveredForwardingMessageSendsNoSecondMail()
    {
        var id = Guid.NewGuid();
        var dossierId = await _app.RecordAndForwardAsync(id);

        // The same message again, as Service Bus would redeliver it after a lost lock.
        await _app.Queue(_app.Setting("ForwardingQueue")).SendMessageAsync($"{{\"observationId\":\"{id}\"}}");
        await Eventually.TrueAsync(async () => (await _app.Queue(_app.Setting("ForwardingQueue")).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the queue to drain");

        var dossier = await _app.ClientAs("coordinator-1", "coordinator").GetFromJsonAsync<JsonElement>($"/api/dossiers/{dossierId}");
        Assert.Single(dossier.GetProperty("notifications").EnumerateArray());
        Assert.Single(await _app.Container(Containers.Outbox).GetBlobsAsync().ToListAsync());
        Assert.Single(await _app.Table(Tables.Dossiers).QueryAsync<TableEntity>(e => e.RowKey == "dossier").ToListAsync());
    }

    [Fact]
    public async Task AnObservationWhoseMessageWasLostIsForwardedByTheFollowUpCheck()
    {
        var id = Guid.NewGuid();
        // Recorded, but the forwarding message never made it: the check armed at creation must catch it.
        await using var app = new WijkwachtApp(
            azurite,
            settings: new Dictionary<string, string?>
            {
                ["FollowUp:ForwardingCheckDelay"] = "00:00:00",
                ["FollowUpSweepSchedule"] = "*/1 * * * * *",
            },
            services: s => s.Decorate<IMessageSender>(inner => new LosingSender(inner, queueToLose: "forwarding")));
        Assert.NotNull(await app.RecordAndForwardAsync(id));
    }

    [Fact]
    public async Task ObservationsOfTheSameProblemShareOneDossierAndThePartnerIsToldOnce()
    {
        var warden = _app.ClientAs("warden-1", "warden");
        var now = DateTimeOffset.UtcNow;
        var first = await _app.RecordAndForwardAsync(Guid.NewGuid(), "bulky-waste");
        var firstSpot = await warden.GetFromJsonAsync<JsonElement>($"/api/observations/{(await _app.DossierAsync(first)).GetProperty("observationIds")[0].GetGuid()}");
        var (lat, lon) = (firstSpot.GetProperty("latitude").GetDouble(), firstSpot.GetProperty("longitude").GetDouble());

        var sameProblem = Guid.NewGuid();
        await warden.PostAsJsonAsync("/api/observations", Requests.Observation(sameProblem, "bulky-waste", now, lat + 0.0002, lon)); // 22 m away
        var otherCategory = Guid.NewGuid();
        await warden.PostAsJsonAsync("/api/observations", Requests.Observation(otherCategory, "graffiti-vandalism", now, lat, lon));
        var farther = Guid.NewGuid();
        await warden.PostAsJsonAsync("/api/observations", Requests.Observation(farther, "bulky-waste", now, lat - 0.002, lon)); // 220 m away

        Assert.Equal(first, await _app.ForwardedDossierOfAsync(sameProblem));
        Assert.NotEqual(first, await _app.ForwardedDossierOfAsync(otherCategory));
        Assert.NotEqual(first, await _app.ForwardedDossierOfAsync(farther));
        var dossier = await _app.DossierAsync(first);
        Assert.Equal(2, dossier.GetProperty("observationIds").GetArrayLength());
        Assert.Single(dossier.GetProperty("notifications").EnumerateArray());
    }

    [Fact]
    public async Task AnObservationAtTheSpotOfAClosedDossierOpensANewOne()
    {
        var warden = _app.ClientAs("warden-1", "warden");
        var first = await _app.RecordAndForwardAsync(Guid.NewGuid(), "dog-fouling");
        var spot = await warden.GetFromJsonAsync<JsonElement>($"/api/observations/{(await _app.DossierAsync(first)).GetProperty("observationIds")[0].GetGuid()}");
        await _app.ClientAs("coordinator-1", "coordinator").PostAsJsonAsync($"/api/dossiers/{first}/transitions", new { to = "resolved" });

        var again = Guid.NewGuid();
        await warden.PostAsJsonAsync("/api/observations", Requests.Observation(again, "dog-fouling", DateTimeOffset.UtcNow, spot.GetProperty("latitude").GetDouble(), spot.GetProperty("longitude").GetDouble()));

        Assert.NotEqual(first, await _app.ForwardedDossierOfAsync(again));
    }

    [Fact]
    public async Task OnlyCoordinatorsAndAdminsFollowDossiers()
    {
        var dossier = $"/api/dossiers/{Guid.NewGuid()}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync(dossier)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ClientAs("warden-1", "warden").GetAsync(dossier)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ClientAs("admin-1", "admin").GetAsync(dossier)).StatusCode);
    }

    /// <summary>Loses every message for one queue, as a crash between the write and the send would.</summary>
    private sealed class LosingSender(IMessageSender inner, string queueToLose) : IMessageSender
    {
        public Task SendAsync(string queueName, OutgoingMessage message, CancellationToken cancellationToken) =>
            queueName.EndsWith(queueToLose, StringComparison.Ordinal)
                ? throw new HttpRequestException("lost")
                : inner.SendAsync(queueName, message, cancellationToken);
    }
}
