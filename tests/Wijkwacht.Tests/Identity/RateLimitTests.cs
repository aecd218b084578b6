using Microsoft.Extensions.Time.Testing;

namespace Wijkwacht.Tests.Identity;

/// <summary>
/// Rate limits count per client address, taken as the settings say the trusted front end passes it: here the
/// last X-Forwarded-For entry (what the front end appended), parsed as an IP address.
/// </summary>
public sealed class RateLimitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite, settings: new Dictionary<string, string?>
    {
        ["RateLimiting:PublicPermitsPerMinute"] = "5",
        ["RateLimiting:SlotsPermitsPerMinute"] = "3",
        ["RateLimiting:BookingsPermitsPerMinute"] = "2",
        ["RateLimiting:ClientAddressHeader"] = "X-Forwarded-For",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private HttpClient ClientFrom(string forwardedFor)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    [Fact]
    public async Task APublicEndpointAnswers429WithRetryAfterOnceAClientUsedItsShareAndOtherClientsGoOn()
    {
        var client = ClientFrom("203.0.113.7");
        var other = ClientFrom("198.51.100.20");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await client.GetAsync("/api/categories"));
        }

        Assert.All(answers.Take(5), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[5].StatusCode);
        Assert.Equal("Too many requests.", (await answers[5].ProblemAsync()).GetProperty("title").GetString());
        Assert.NotNull(answers[5].Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/categories")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync($"/api/partner/dossiers/{Guid.NewGuid()}?token=x")).StatusCode);
    }

    [Fact]
    public async Task WhatTheCallerPutsBeforeTheFrontEndsEntryDoesNotMakeItANewClient()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add((await ClientFrom($"10.0.0.{i}, spoofed-{i}, 192.0.2.44:{50000 + i}").GetAsync("/api/categories")).StatusCode);
        }

        Assert.All(answers.Take(5), a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.All(answers.Skip(5), a => Assert.Equal(HttpStatusCode.TooManyRequests, a));
    }

    [Fact]
    public async Task AnIPv4MappedAddressIsItsIPv4AddressAndOneIPv6SubnetIsOneClient()
    {
        var v4 = new List<HttpStatusCode>();
        foreach (var address in new[] { "198.51.100.9", "::ffff:198.51.100.9", "[::ffff:198.51.100.9]:4431", "198.51.100.9", "::ffff:198.51.100.9", "198.51.100.9" })
        {
            v4.Add((await ClientFrom(address).GetAsync("/api/categories")).StatusCode);
        }

        var v6 = new List<HttpStatusCode>();
        for (var i = 1; i <= 6; i++)
        {
            v6.Add((await ClientFrom($"2001:db8:7:8::{i:x}").GetAsync("/api/categories")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, v4[5]);
        Assert.Equal(HttpStatusCode.TooManyRequests, v6[5]);
        Assert.Equal(HttpStatusCode.OK, (await ClientFrom("2001:db8:7:9::1").GetAsync("/api/categories")).StatusCode); // another /64
    }

    [Fact]
    public async Task TheExpensiveEndpointsHaveTheirOwnSmallerQuotas()
    {
        var client = ClientFrom("203.0.113.99");
        var slots = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            slots.Add((await client.GetAsync("/api/officers/officer-marc/slots")).StatusCode);
        }

        var bookings = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            bookings.Add((await client.PostAsJsonAsync("/api/bookings", new { })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, slots[3]);
        Assert.All(slots.Take(3), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], bookings);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/categories")).StatusCode); // the public quota is still there
    }
}

/// <summary>Without a trusted header, the address is the connection's: headers a caller sends change nothing.</summary>
public sealed class UntrustedHeaderRateLimitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite, settings: new Dictionary<string, string?> { ["RateLimiting:PublicPermitsPerMinute"] = "5" });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task RotatingForwardingHeadersGetsNoExtraRequests()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            var client = _app.CreateClient();
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            client.DefaultRequestHeaders.Add("X-Client-IP", $"203.0.113.{i + 1}");
            answers.Add((await client.GetAsync("/api/categories")).StatusCode);
        }

        Assert.Equal(5, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(5, answers.Count(a => a == HttpStatusCode.TooManyRequests));
    }
}

/// <summary>However many addresses the callers claim, anonymous traffic as a whole has a ceiling.</summary>
public sealed class TotalRateLimitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite, settings: new Dictionary<string, string?>
    {
        ["RateLimiting:PublicPermitsPerMinute"] = "100",
        ["RateLimiting:PublicTotalPermitsPerMinute"] = "8",
        ["RateLimiting:ClientAddressHeader"] = "X-Forwarded-For",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ClaimingANewAddressForEveryRequestStillMeetsTheOverallCeiling()
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
        {
            var client = _app.CreateClient();
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            answers.Add((await client.GetAsync("/api/categories")).StatusCode);
        }

        Assert.All(answers.Take(8), a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[8]);
        var signedIn = await _app.ClientAs("coordinator-1", "coordinator").GetAsync("/api/dossiers");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode); // the ceiling is for anonymous endpoints only
    }
}
