using Microsoft.Extensions.DependencyInjection;
using Wijkwacht.Audit;
using Wijkwacht.Dossiers;

namespace Wijkwacht.Tests.Dossiers;

/// <summary>A coordinator gives a dossier to another partner: the old link stops working, both partners are mailed, a retry finishes and never repeats.</summary>
public sealed class DossierReassignTests(AzuriteFixture azurite) : IAsyncLifetime
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
    public async Task ReassigningRevokesTheOldLinkTellsTheOldPartnerAndForwardsToTheNewOne()
    {
        var id = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping");
        var oldLink = await _app.PartnerLinkFromMailAsync(id);

        var response = await ReassignAsync(id, await VersionAsync(id), "public-works");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.CreateClient().GetAsync(PartnerApi(oldLink, id))).StatusCode);
        await Eventually.TrueAsync(async () => await _app.MailAsync($"{id}-withdrawn-net-brussel") is not null, "the mail to the old partner");
        var withdrawn = await _app.MailAsync($"{id}-withdrawn-net-brussel");
        Assert.Contains("To: meldingen@net-brussel.example", withdrawn!.Value.Eml, StringComparison.Ordinal);
        Assert.Contains("aan een andere dienst gegeven", withdrawn.Value.Body, StringComparison.Ordinal);
        var newLink = await _app.PartnerLinkFromMailAsync(id, forwarding: 2);
        var view = await _app.CreateClient().GetFromJsonAsync<JsonElement>(PartnerApi(newLink, id));
        Assert.Equal("forwarded", view.GetProperty("status").GetString());
        var dossier = await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}");
        Assert.Equal("public-works", dossier.GetProperty("partnerId").GetString());
        Assert.Contains(dossier.GetProperty("timeline").EnumerateArray(), e => e.TryGetProperty("change", out var change) && change.ValueKind == JsonValueKind.String && change.GetString() == "forwarded→reassigned");
    }

    [Fact]
    public async Task ARetriedReassignmentAnswersTheSameAndSendsNothingTwice()
    {
        var id = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping");
        var version = await VersionAsync(id);

        Assert.Equal(HttpStatusCode.OK, (await ReassignAsync(id, version, "public-works")).StatusCode);
        await _app.PartnerLinkFromMailAsync(id, forwarding: 2);
        var retry = await ReassignAsync(id, version, "public-works"); // the answer was lost: the same request again

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var dossier = await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}");
        Assert.Equal("forwarded", dossier.GetProperty("status").GetString());
        Assert.Single(dossier.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "transition");
        var mails = (await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/dev/outbox")).GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Single(mails, m => m == $"{id}-withdrawn-net-brussel");
        Assert.Single(mails, m => m == $"{id}-2-forwarded");
    }

    [Fact]
    public async Task AReassignmentThatStoppedAfterItsFirstStepIsFinishedByItsRetry()
    {
        var id = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping");
        var oldLink = await _app.PartnerLinkFromMailAsync(id);
        var version = await VersionAsync(id);
        var reassignment = _app.Services.GetRequiredService<DossierReassignment>();
        var stored = (await _app.Services.GetRequiredService<DossierStore>().GetAsync(id, CancellationToken.None))!;
        // The dossier is saved as reassigned, then the process dies: no link revoked, no mail, no forwarding.
        await reassignment.StartAsync(stored, "public-works", null, new AuditActor("coordinator-1", "coordinator"), version, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync(PartnerApi(oldLink, id))).StatusCode);

        var retry = await ReassignAsync(id, version, "public-works");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.CreateClient().GetAsync(PartnerApi(oldLink, id))).StatusCode);
        await Eventually.TrueAsync(async () => await _app.MailAsync($"{id}-withdrawn-net-brussel") is not null, "the mail to the old partner");
        await _app.PartnerLinkFromMailAsync(id, forwarding: 2);
        Assert.Equal("forwarded", (await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AReassignmentOnAStaleVersionIs412AndToAnUnknownPartnerNamesTheField()
    {
        var id = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping");
        var version = await VersionAsync(id);
        await _coordinator.PostAsJsonAsync($"/api/dossiers/{id}/transitions", new { to = "acknowledged" });

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await ReassignAsync(id, version, "public-works")).StatusCode);
        var unknown = await ReassignAsync(id, await VersionAsync(id), "nobody");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.ProblemAsync()).GetProperty("errors").TryGetProperty("partnerId", out _));
        Assert.Equal("net-brussel", (await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}")).GetProperty("partnerId").GetString());
    }

    private async Task<string> VersionAsync(string id) =>
        (await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}")).GetProperty("version").GetString()!;

    private async Task<HttpResponseMessage> ReassignAsync(string id, string version, string partnerId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/dossiers/{id}/reassign") { Content = JsonContent.Create(new { partnerId }) };
        request.Headers.TryAddWithoutValidation("If-Match", version);
        return await _coordinator.SendAsync(request);
    }

    private static string PartnerApi(Uri link, string id) => $"/api/partner/dossiers/{id}?token={link.Query.Split("token=")[1]}";
}
