using System.Text;

namespace Wijkwacht.Tests.Identity;

public sealed class IdentityTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task MeTellsTheCallerWhoTheyAreAndWhichOfOurRolesTheyHave()
    {
        var me = await _app.ClientAs("coordinator-1", "coordinator", "admin").GetFromJsonAsync<JsonElement>("/api/me");

        Assert.Equal("coordinator-1", me.GetProperty("userId").GetString());
        Assert.Equal("coordinator-1@example.brussels", me.GetProperty("userDetails").GetString());
        Assert.Equal(["coordinator", "admin"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("eyJub3QiOiJhIHByaW5jaXBhbCJ9")] // {"not":"a principal"}
    [InlineData("e30=")] // {}
    public async Task AMalformedPrincipalHeaderIsRefusedWithAProblem(string header)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("x-ms-client-principal", header);

        var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task RolesOutsideOursGiveNoAccess()
    {
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"identityProvider":"aad","userId":"u1","userDetails":"u1","userRoles":["anonymous","authenticated","superuser","Warden"]}"""));
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("x-ms-client-principal", principal);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/observations", Requests.Observation())).StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("roles").EnumerateArray());
    }

    [Fact]
    public async Task TheDevelopmentSignInActsAsTheChosenUserThroughItsCookie()
    {
        var browser = _app.CreateClient(); // keeps cookies, like a browser

        var signIn = await browser.PostAsJsonAsync("/api/dev/signin", new { userId = "warden-anouk", name = "Anouk Peeters", roles = new[] { "warden" } });
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/me");
        var created = await browser.PostAsJsonAsync("/api/observations", Requests.Observation());
        await browser.PostAsync("/api/dev/signout", null);
        var afterSignOut = await browser.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("Anouk Peeters", me.GetProperty("userDetails").GetString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterSignOut.StatusCode);
    }

    [Fact]
    public async Task TheDevelopmentSignInRefusesUnknownRoles()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/dev/signin", new { userId = "x", roles = new[] { "root" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("roles", out _));
    }
}

/// <summary>The development sign-in and pages are impossible to reach outside Development.</summary>
public sealed class ProductionIdentityTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite, environment: "Production");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("POST", "/api/dev/signin")]
    [InlineData("POST", "/api/dev/signout")]
    [InlineData("GET", "/api/dev/outbox")]
    [InlineData("GET", "/signin/")]
    [InlineData("GET", "/signin/index.html")]
    [InlineData("GET", "/dev/outbox/")]
    public async Task DevelopmentRoutesAndPagesAnswer404(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? JsonContent.Create(new { userId = "admin-1", roles = new[] { "admin" } }) : null,
        };

        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task TheDevelopmentCookieMeansNothingOutsideDevelopment()
    {
        var client = _app.CreateClient();
        var principal = new Wijkwacht.Identity.ClientPrincipal("dev", "admin-1", "admin", ["admin"]).Encode();
        client.DefaultRequestHeaders.Add("Cookie", $"wijkwacht-dev-principal={principal}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task ApiAnswersAreNeitherSniffedNorCached()
    {
        foreach (var path in new[] { "/api/health", "/api/me", "/api/categories" })
        {
            var response = await _app.CreateClient().GetAsync(path);

            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.True(response.Headers.CacheControl?.NoStore, path);
        }
    }

    [Fact]
    public async Task TheStartPageIsServedWithTheSecurityHeadersOfStaticWebApps()
    {
        var response = await _app.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.NotEmpty(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.NotEmpty(response.Headers.GetValues("Referrer-Policy"));
    }
}
