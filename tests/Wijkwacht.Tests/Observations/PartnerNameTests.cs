namespace Wijkwacht.Tests.Observations;

/// <summary>
/// The warden's list says who has an observation: the partner its dossier went to, kept on the observation by the
/// forwarding (no dossier read per listed observation), and changed when the coordinator reassigns the dossier.
/// </summary>
public sealed class PartnerNameTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AForwardedObservationNamesItsPartnerAndTheNewOneAfterAReassignment()
    {
        var id = Guid.NewGuid();
        var dossierId = await _app.RecordAndForwardAsync(id);
        var warden = _app.ClientAs("warden-1", "warden");
        Assert.Equal("Net Brussel / Bruxelles-Propreté", await PartnerNameAsync(warden, id, "Net Brussel / Bruxelles-Propreté"));

        var reassigned = await _app.ClientAs("coordinator-1", "coordinator").PostAsJsonAsync($"/api/dossiers/{dossierId}/transitions", new { to = "reassigned", partnerId = "green-spaces", reason = "Groenzone" });
        Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);

        Assert.Equal("Groendienst / Service des espaces verts", await PartnerNameAsync(warden, id, "Groendienst / Service des espaces verts"));
        var mine = await warden.GetFromJsonAsync<JsonElement>("/api/observations?mine=true");
        Assert.Equal("Groendienst / Service des espaces verts", mine.GetProperty("items")[0].GetProperty("partnerName").GetString());
    }

    private static async Task<string> PartnerNameAsync(HttpClient warden, Guid id, string expected) =>
        await Eventually.GetAsync(
            async () => (await warden.GetFromJsonAsync<JsonElement>($"/api/observations/{id}")).GetProperty("partnerName").GetString() is { } name && name == expected ? name : null,
            $"observation {id} to name {expected}");
}
