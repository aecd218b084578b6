namespace Wijkwacht.Tests.Identity;

public sealed class AuditTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task EveryChangeToADossierIsInItsAuditTrailWithWhoWhenAndInWhichRole()
    {
        var id = Guid.NewGuid();
        var dossierId = await _app.RecordAndForwardAsync(id);
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        await coordinator.PostAsJsonAsync($"/api/dossiers/{dossierId}/transitions", new { to = "rejected", reason = "Privéterrein / terrain privé" });

        var trail = await _app.ClientAs("admin-1", "admin").GetFromJsonAsync<JsonElement>($"/api/audit?entity=dossier&id={dossierId}");
        var observationTrail = await _app.ClientAs("admin-1", "admin").GetFromJsonAsync<JsonElement>($"/api/audit?entity=observation&id={id}");

        var entries = trail.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["opened", "forwarded", "transition"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("system", entries[0].GetProperty("actor").GetString());
        var transition = entries[2];
        Assert.Equal("coordinator-1", transition.GetProperty("actor").GetString());
        Assert.Equal("coordinator", transition.GetProperty("roles").GetString());
        Assert.Equal("forwarded", transition.GetProperty("changes").GetProperty("from").GetString());
        Assert.Equal("rejected", transition.GetProperty("changes").GetProperty("to").GetString());
        Assert.Equal(["created", "linked"], observationTrail.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("warden-1", observationTrail.GetProperty("entries")[0].GetProperty("actor").GetString());
    }

    [Theory]
    [InlineData("/api/audit", "entity")]
    [InlineData("/api/audit?entity=dossier", "id")]
    [InlineData("/api/audit?entity=users&id=1", "entity")]
    [InlineData("/api/audit?entity=dossier&id=x'%20or%20PartitionKey%20ne%20'", "id")]
    public async Task ABadAuditQueryNamesTheField(string url, string field)
    {
        var response = await _app.ClientAs("admin-1", "admin").GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
