using Microsoft.Extensions.Time.Testing;

namespace Wijkwacht.Tests.Dossiers;

public sealed class DossierListTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WijkwachtApp _app = null!;
    private HttpClient _coordinator = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time);
        _coordinator = _app.ClientAs("coordinator-1", "coordinator");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task TheListShowsDossiersNewestFirstFilteredByStatusPartnerAndOverdue()
    {
        var dumping = await _app.RecordAndForwardAsync(Guid.NewGuid(), "illegal-dumping", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(1));
        var noise = await _app.RecordAndForwardAsync(Guid.NewGuid(), "noise", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(1));
        var vegetation = await _app.RecordAndForwardAsync(Guid.NewGuid(), "overgrown-vegetation", _time.GetUtcNow());
        await _coordinator.PostAsJsonAsync($"/api/dossiers/{noise}/transitions", new { to = "acknowledged" });

        Assert.Equal([vegetation, noise, dumping], await IdsAsync("/api/dossiers"));
        Assert.Equal([vegetation, dumping], await IdsAsync("/api/dossiers?status=forwarded"));
        Assert.Equal([noise], await IdsAsync("/api/dossiers?status=acknowledged&partner=local-police"));
        Assert.Empty(await IdsAsync("/api/dossiers?overdue=true"));

        _time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(5)); // the acknowledgement deadlines pass
        Assert.Equal([vegetation, dumping], await IdsAsync("/api/dossiers?overdue=true"));
    }

    [Fact]
    public async Task TheListComesInPagesWithAContinuationToken()
    {
        for (var i = 0; i < 3; i++)
        {
            await _app.RecordAndForwardAsync(Guid.NewGuid(), now: _time.GetUtcNow());
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await _coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers?pageSize=2{(token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}")}");
            Assert.InRange(page.GetProperty("items").GetArrayLength(), 0, 2);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()!));
            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);

        Assert.Equal(3, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("/api/dossiers?status=lost", "status")]
    [InlineData("/api/dossiers?partner=Net%20Brussel", "partner")]
    [InlineData("/api/dossiers?overdue=yes", "overdue")]
    [InlineData("/api/dossiers?pageSize=0", "pageSize")]
    [InlineData("/api/dossiers?pageSize=lots", "pageSize")]
    [InlineData("/api/dossiers?continuationToken=not%20ours", "continuationToken")]
    public async Task ABadFilterIsNamedInTheProblem(string url, string field)
    {
        var response = await _coordinator.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private async Task<List<string>> IdsAsync(string url) =>
        [.. (await _coordinator.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()!)];
}
