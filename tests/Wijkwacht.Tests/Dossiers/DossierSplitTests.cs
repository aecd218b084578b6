using Microsoft.Extensions.DependencyInjection;
using Wijkwacht.Audit;
using Wijkwacht.Dossiers;

namespace Wijkwacht.Tests.Dossiers;

/// <summary>A coordinator splits an observation off into a dossier of its own: forwarded as usual, one new dossier however often it is retried.</summary>
public sealed class DossierSplitTests(AzuriteFixture azurite) : IAsyncLifetime
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
    public async Task ASplitObservationLeavesForANewForwardedDossierAndARetryOpensNoSecond()
    {
        var (id, first, second) = await DossierOfTwoAsync();
        var version = await VersionAsync(id);

        var response = await SplitAsync(id, second, version);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var newId = created.GetProperty("id").GetString()!;
        Assert.NotEqual(id, newId);
        var retry = await SplitAsync(id, second, version); // the answer was lost
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(newId, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());

        await _app.PartnerLinkFromMailAsync(newId);
        var split = await _app.DossierAsync(newId);
        Assert.Equal("forwarded", split.GetProperty("status").GetString());
        Assert.Equal([second.ToString()], split.GetProperty("observationIds").EnumerateArray().Select(o => o.GetString()));
        var left = await _app.DossierAsync(id);
        Assert.Equal([first.ToString()], left.GetProperty("observationIds").EnumerateArray().Select(o => o.GetString()));
        Assert.Single(left.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "observation-split" && e.GetProperty("splitInto").GetString() == newId);
        Assert.Equal(newId, (await _app.ClientAs("warden-1", "warden").GetFromJsonAsync<JsonElement>($"/api/observations/{second}")).GetProperty("dossierId").GetString());
        var mails = (await _app.OutboxAsync()).EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Single(mails, m => m == $"{newId}-forwarded");
    }

    [Fact]
    public async Task ASplitThatStoppedAfterItsFirstStepIsFinishedByItsRetry()
    {
        var (id, _, second) = await DossierOfTwoAsync();
        var version = await VersionAsync(id);
        var stored = (await _app.Services.GetRequiredService<DossierStore>().GetAsync(id, CancellationToken.None))!;
        // The observation left the dossier, then the process died: no new dossier, the observation points nowhere new.
        await _app.Services.GetRequiredService<DossierSplit>().StartAsync(stored, second, Dossier.SplitIdFor(second, id), new AuditActor("coordinator-1", "coordinator"), version, CancellationToken.None);

        var retry = await SplitAsync(id, second, version);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var newId = (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await _app.PartnerLinkFromMailAsync(newId);
        Assert.Equal("forwarded", (await _app.DossierAsync(newId)).GetProperty("status").GetString());
        Assert.Single((await _app.DossierAsync(id)).GetProperty("observationIds").EnumerateArray());
    }

    [Fact]
    public async Task SplittingOffADossiersOnlyObservationIsA409AndOnAStaleVersionA412()
    {
        var observation = Guid.NewGuid();
        var single = await _app.RecordAndForwardAsync(observation, "illegal-dumping");
        var only = await SplitAsync(single, observation, await VersionAsync(single));
        Assert.Equal(HttpStatusCode.Conflict, only.StatusCode);
        Assert.Equal("only-observation", (await only.ProblemAsync()).GetProperty("code").GetString());

        var (id, _, second) = await DossierOfTwoAsync();
        var stale = await VersionAsync(id);
        await _coordinator.PostAsJsonAsync($"/api/dossiers/{id}/transitions", new { to = "acknowledged" });
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SplitAsync(id, second, stale)).StatusCode);
        Assert.Equal(2, (await _app.DossierAsync(id)).GetProperty("observationIds").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await SplitAsync(id, Guid.NewGuid(), await VersionAsync(id))).StatusCode);
    }

    /// <summary>Two observations at one spot: the second joins the first's open dossier.</summary>
    private async Task<(string Id, Guid First, Guid Second)> DossierOfTwoAsync()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var spot = Requests.Observation(first);
        var id = await _app.RecordAndForwardAsync(spot);
        var again = Requests.Observation(second, "illegal-dumping", null, (double)spot["latitude"]!, (double)spot["longitude"]!);
        Assert.Equal(id, await _app.RecordAndForwardAsync(again));
        return (id, first, second);
    }

    private async Task<string> VersionAsync(string id) => (await _app.DossierAsync(id)).GetProperty("version").GetString()!;

    private async Task<HttpResponseMessage> SplitAsync(string id, Guid observationId, string version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/dossiers/{id}/observations/{observationId}/split");
        request.Headers.TryAddWithoutValidation("If-Match", version);
        return await _coordinator.SendAsync(request);
    }
}
