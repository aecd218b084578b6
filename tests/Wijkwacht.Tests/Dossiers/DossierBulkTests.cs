namespace Wijkwacht.Tests.Dossiers;

/// <summary>Bulk actions on a selection of dossiers: each on its own, with a result per dossier, and safe to retry.</summary>
public sealed class DossierBulkTests(AzuriteFixture azurite) : IAsyncLifetime
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
    public async Task ABulkCloseClosesEachOpenDossierAndSaysPerDossierWhatItCouldNot()
    {
        var first = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var second = await _app.RecordAndForwardAsync(Guid.NewGuid(), "noise");
        var rejected = await _app.RecordAndForwardAsync(Guid.NewGuid());
        await _coordinator.PostAsJsonAsync($"/api/dossiers/{rejected}/transitions", new { to = "rejected", reason = "Privéterrein" });
        var missing = Guid.NewGuid().ToString();
        var request = new { action = "close", dossierIds = new[] { first, second, rejected, missing }, requestId = Guid.NewGuid(), reason = "Opgeruimd bij controle" };

        var results = await BulkAsync(request);
        var retried = await BulkAsync(request);

        Assert.Equal([(first, "done"), (second, "done"), (rejected, "refused"), (missing, "not-found")], results.Select(r => (r.Id, r.Outcome)));
        Assert.Equal("Illegal dossier transition.", results[2].Problem);
        Assert.Equal(results.Select(r => (r.Id, r.Outcome)), retried.Select(r => (r.Id, r.Outcome)));
        foreach (var id in new[] { first, second })
        {
            var dossier = await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}");
            Assert.Equal("resolved", dossier.GetProperty("status").GetString());
            Assert.Single(dossier.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "transition");
        }
    }

    [Fact]
    public async Task ABulkNoteRetriedAddsEachNoteOnce()
    {
        var first = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var second = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var request = new { action = "note", dossierIds = new[] { first, second }, requestId = Guid.NewGuid(), text = "Besproken op het wijkoverleg." };

        await BulkAsync(request);
        var retried = await BulkAsync(request);

        Assert.All(retried, r => Assert.Equal("done", r.Outcome));
        foreach (var id in new[] { first, second })
        {
            var timeline = (await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}")).GetProperty("timeline").EnumerateArray();
            Assert.Single(timeline, e => e.GetProperty("kind").GetString() == "note");
        }
    }

    [Fact]
    public async Task ABulkReassignGivesEachDossierToTheNewPartner()
    {
        var first = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var second = await _app.RecordAndForwardAsync(Guid.NewGuid());

        var results = await BulkAsync(new { action = "reassign", dossierIds = new[] { first, second }, requestId = Guid.NewGuid(), partnerId = "public-works" });

        Assert.All(results, r => Assert.Equal("done", r.Outcome));
        foreach (var id in new[] { first, second })
        {
            await _app.PartnerLinkFromMailAsync(id, forwarding: 2); // the new partner's mail
            Assert.Equal("public-works", (await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}")).GetProperty("partnerId").GetString());
        }
    }

    private sealed record Result(string Id, string Outcome, string? Problem);

    private async Task<List<Result>> BulkAsync(object request)
    {
        var response = await _coordinator.PostAsJsonAsync("/api/dossiers/bulk", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).GetProperty("results").EnumerateArray()
            .Select(r => new Result(r.GetProperty("id").GetString()!, r.GetProperty("outcome").GetString()!, r.TryGetProperty("problem", out var p) ? p.GetString() : null))];
    }
}
