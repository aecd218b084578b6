using Microsoft.Extensions.DependencyInjection;
using Wijkwacht.Audit;
using Wijkwacht.Dossiers;

namespace Wijkwacht.Tests.Dossiers;

/// <summary>A coordinator merges two dossiers about one problem: the survivor takes everything, the merged one points at it, a retry after a crash finishes and never repeats.</summary>
public sealed class DossierMergeTests(AzuriteFixture azurite) : IAsyncLifetime
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
    public async Task TheSurvivorTakesTheObservationsAndHistoryAndTheMergedDossierBecomesReadOnlyWithItsLinkRevokedAndItsPartnerTold()
    {
        var merged = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping");
        var survivor = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping");
        var link = await _app.PartnerLinkFromMailAsync(merged);
        await TransitionAsync(merged, new { to = "acknowledged" });
        var mergedObservation = (await _app.DossierAsync(merged)).GetProperty("observationIds")[0].GetString();

        var response = await MergeAsync(merged, await VersionAsync(merged), survivor);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await _app.DossierAsync(merged);
        Assert.Equal("merged", after.GetProperty("status").GetString());
        Assert.Equal(survivor, after.GetProperty("mergedInto").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await TransitionAsync(merged, new { to = "resolved" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.CreateClient().GetAsync($"/api/partner/dossiers/{merged}?token={link.Query.Split("token=")[1]}")).StatusCode);

        var kept = await _app.DossierAsync(survivor);
        Assert.Contains(mergedObservation, kept.GetProperty("observationIds").EnumerateArray().Select(o => o.GetString()));
        var timeline = kept.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Single(timeline, e => e.GetProperty("kind").GetString() == "merged" && e.GetProperty("mergedFrom").GetString() == merged);
        Assert.Contains(timeline, e => e.GetProperty("mergedFrom").GetString() == merged && e.TryGetProperty("change", out var c) && c.GetString() == "forwarded→acknowledged");
        Assert.Equal(survivor, (await _app.ClientAs("warden-1", "warden").GetFromJsonAsync<JsonElement>($"/api/observations/{mergedObservation}")).GetProperty("dossierId").GetString());

        await Eventually.TrueAsync(async () => await _app.MailAsync($"{merged}-merged-net-brussel") is not null, "the mail to the merged dossier's partner");
        var mail = await _app.MailAsync($"{merged}-merged-net-brussel");
        Assert.Contains("samengevoegd", mail!.Value.Body, StringComparison.Ordinal);

        var mergedList = await _coordinator.GetFromJsonAsync<JsonElement>("/api/dossiers?status=merged&pageSize=200");
        Assert.Contains(merged, mergedList.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var acknowledgedList = await _coordinator.GetFromJsonAsync<JsonElement>("/api/dossiers?status=acknowledged&pageSize=200");
        Assert.DoesNotContain(merged, acknowledgedList.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task AMergeThatStoppedAfterItsFirstStepIsFinishedByItsRetryAndEveryEffectHappensOnce()
    {
        var merged = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping");
        var survivor = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping");
        var link = await _app.PartnerLinkFromMailAsync(merged);
        var version = await VersionAsync(merged);
        var store = _app.Services.GetRequiredService<DossierStore>();
        // The dossier is saved as merged, then the process dies: no link revoked, nothing moved, no mail.
        await _app.Services.GetRequiredService<DossierMerge>().StartAsync(
            (await store.GetAsync(merged, CancellationToken.None))!, (await store.GetAsync(survivor, CancellationToken.None))!.Dossier, new AuditActor("coordinator-1", "coordinator"), CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync($"/api/partner/dossiers/{merged}?token={link.Query.Split("token=")[1]}")).StatusCode);
        Assert.Single((await _app.DossierAsync(survivor)).GetProperty("observationIds").EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, (await MergeAsync(merged, version, survivor)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MergeAsync(merged, version, survivor)).StatusCode); // and its answer lost: again

        Assert.Equal(HttpStatusCode.Forbidden, (await _app.CreateClient().GetAsync($"/api/partner/dossiers/{merged}?token={link.Query.Split("token=")[1]}")).StatusCode);
        var kept = await _app.DossierAsync(survivor);
        Assert.Equal(2, kept.GetProperty("observationIds").GetArrayLength());
        var timeline = kept.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Single(timeline, e => e.GetProperty("kind").GetString() == "merged");
        var mergedOwn = (await _app.DossierAsync(merged)).GetProperty("timeline").GetArrayLength() - 1; // less its "opened" line
        Assert.Equal(mergedOwn, timeline.Count(e => e.GetProperty("mergedFrom").GetString() == merged && e.GetProperty("kind").GetString() != "merged"));
        await Eventually.TrueAsync(async () => await _app.MailAsync($"{merged}-merged-net-brussel") is not null, "the mail to the merged dossier's partner");
        var mails = (await _app.OutboxAsync()).EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Single(mails, m => m == $"{merged}-merged-net-brussel");
    }

    [Fact]
    public async Task MergingIntoItselfIntoAMergedOrAClosedDossierOrInACycleIsA409AndAnUnknownOneNamesTheField()
    {
        var a = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping");
        var b = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping");
        var c = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping");
        var closed = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping");
        await TransitionAsync(closed, new { to = "resolved" });

        await AssertConflictAsync(await MergeAsync(a, await VersionAsync(a), a));
        await AssertConflictAsync(await MergeAsync(a, await VersionAsync(a), closed));
        Assert.Equal(HttpStatusCode.OK, (await MergeAsync(b, await VersionAsync(b), a)).StatusCode);
        await AssertConflictAsync(await MergeAsync(a, await VersionAsync(a), b)); // b is in a already: a cycle
        await AssertConflictAsync(await MergeAsync(c, await VersionAsync(c), b)); // b is merged
        await AssertConflictAsync(await MergeAsync(b, await VersionAsync(b), c)); // b is merged into a, not c

        var unknown = await MergeAsync(c, await VersionAsync(c), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.ProblemAsync()).GetProperty("errors").TryGetProperty("intoDossierId", out _));
        var stale = await VersionAsync(c);
        await TransitionAsync(c, new { to = "acknowledged" });
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await MergeAsync(c, stale, a)).StatusCode);
        Assert.Equal("acknowledged", (await _app.DossierAsync(c)).GetProperty("status").GetString());
        Assert.Equal("forwarded", (await _app.DossierAsync(a)).GetProperty("status").GetString());
    }

    private static async Task AssertConflictAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty((await response.ProblemAsync()).GetProperty("detail").GetString()));
    }

    private async Task<string> VersionAsync(string id) => (await _app.DossierAsync(id)).GetProperty("version").GetString()!;

    private Task<HttpResponseMessage> TransitionAsync(string id, object body) => _coordinator.PostAsJsonAsync($"/api/dossiers/{id}/transitions", body);

    private async Task<HttpResponseMessage> MergeAsync(string id, string version, string intoDossierId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/dossiers/{id}/merge") { Content = JsonContent.Create(new { intoDossierId }) };
        request.Headers.TryAddWithoutValidation("If-Match", version);
        return await _coordinator.SendAsync(request);
    }
}
