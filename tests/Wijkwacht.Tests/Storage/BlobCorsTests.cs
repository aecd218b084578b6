using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Wijkwacht.Storage;

namespace Wijkwacht.Tests.Storage;

/// <summary>
/// Locally every app instance shares Azurite's one set of CORS rules: each adds its origin and keeps the rules it
/// finds, so a second instance on another port does not break the first one's photo uploads.
/// </summary>
public sealed class BlobCorsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ASecondInstanceAddsItsOriginAndKeepsTheFirstOnes()
    {
        // Azurite is shared by every test class: whatever rules are there already must survive too.
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var before = Origins((await blobs.GetPropertiesAsync()).Value.Cors);
        var first = $"http://localhost:{Random.Shared.Next(20_000, 30_000)}";
        var second = $"http://localhost:{Random.Shared.Next(30_000, 40_000)}";
        await StartAsync(first);

        await StartAsync(second);

        var rules = (await blobs.GetPropertiesAsync()).Value.Cors;
        var after = Origins(rules);
        Assert.All(before, origin => Assert.Contains(origin, after));
        Assert.True(Uploads(rules, first), $"{first} can no longer upload.");
        Assert.True(Uploads(rules, second), $"{second} cannot upload.");
    }

    private async Task StartAsync(string origin)
    {
        await using var app = new WijkwachtApp(azurite, settings: new Dictionary<string, string?> { ["Storage:CorsOrigins"] = origin });
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/api/health")).StatusCode);
    }

    private static List<string> Origins(IEnumerable<BlobCorsRule> rules) => [.. rules.SelectMany(rule => rule.AllowedOrigins.Split(','))];

    /// <summary>Whether a rule lets the origin PUT a blob (by name or through "*").</summary>
    private static bool Uploads(IEnumerable<BlobCorsRule> rules, string origin) =>
        rules.Any(rule => rule.AllowedMethods.Contains("PUT", StringComparison.Ordinal) && rule.AllowedOrigins.Split(',').Any(o => o == origin || o == "*"));

    [Fact]
    public void OtherRulesAreKeptAndTheOriginJoinsTheUploadRule()
    {
        var elsewhere = new BlobCorsRule { AllowedOrigins = "https://tool.example", AllowedMethods = "GET", AllowedHeaders = "*", ExposedHeaders = "*", MaxAgeInSeconds = 60 };
        var upload = new BlobCorsRule { AllowedOrigins = "http://localhost:7071", AllowedMethods = "GET,HEAD,PUT,OPTIONS", AllowedHeaders = "content-type,x-ms-blob-type,x-ms-version,x-ms-client-request-id", ExposedHeaders = "etag", MaxAgeInSeconds = 3600 };

        var rules = BlobCors.WithOrigins([elsewhere, upload], ["http://localhost:8080"])!;

        Assert.Equal(2, rules.Count);
        Assert.Same(elsewhere, rules[0]);
        Assert.Equal("http://localhost:7071,http://localhost:8080", rules[1].AllowedOrigins);
    }

    [Fact]
    public void NothingIsWrittenWhenARuleAllowsTheOriginAlready()
    {
        var everyone = new BlobCorsRule { AllowedOrigins = "*", AllowedMethods = "PUT,GET,HEAD,OPTIONS", AllowedHeaders = "*", ExposedHeaders = "*", MaxAgeInSeconds = 60 };
        var onlyReads = new BlobCorsRule { AllowedOrigins = "http://localhost:8080", AllowedMethods = "GET", AllowedHeaders = "*", ExposedHeaders = "*", MaxAgeInSeconds = 60 };

        Assert.Null(BlobCors.WithOrigins([everyone], ["http://localhost:8080"]));
        Assert.NotNull(BlobCors.WithOrigins([onlyReads], ["http://localhost:8080"])); // reading is not uploading
    }
}
