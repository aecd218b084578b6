using System.Text.RegularExpressions;

namespace Wijkwacht.Tests.Hosting;

public sealed partial class OpenApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite, environment: "Production");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryApiRouteOfTheMatrix()
    {
        var response = await _app.CreateClient().GetAsync("/api/openapi.json");
        var document = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var described = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name.TrimEnd('/')}"))
            .ToHashSet();
        var documented = File.ReadAllLines(Path.Combine(Repository.Root, "docs", "authorization.md"))
            .Select(line => MatrixRow().Match(line))
            .Where(m => m.Success && !m.Groups[1].Value.Contains("/api/dev/", StringComparison.Ordinal) && !m.Groups[1].Value.EndsWith("openapi.json", StringComparison.Ordinal))
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.NotEmpty(documented);
        Assert.All(documented, endpoint => Assert.Contains(endpoint, described));
    }

    [Fact]
    public async Task TheOpenApiDocumentPassesAnIndependentSchemaValidator()
    {
        var document = await _app.CreateClient().GetStringAsync("/api/openapi.json");
        var file = Path.Combine(Path.GetTempPath(), $"wijkwacht-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document);
        try
        {
            // @seriousme/openapi-schema-validator checks against the OpenAPI Initiative's published JSON schemas.
            var start = new System.Diagnostics.ProcessStartInfo("node", [Path.Combine(Repository.Root, "node_modules", "@seriousme", "openapi-schema-validator", "bin", "validate-api-cli.js"), file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var validator = System.Diagnostics.Process.Start(start)!;
            var output = await validator.StandardOutput.ReadToEndAsync() + await validator.StandardError.ReadToEndAsync();
            await validator.WaitForExitAsync();

            Assert.True(validator.ExitCode == 0, output);
            Assert.Contains("\"valid\": true", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task QueryParametersAreNamedAsClientsSendThemAndSignedLinksNameTheirToken()
    {
        var document = await (await _app.CreateClient().GetAsync("/api/openapi.json")).JsonAsync();
        string[] NamesOf(string path, string method) =>
            [.. document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray()
                .Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!)];

        Assert.Equal(["mine", "pageSize", "continuationToken"], NamesOf("/api/observations", "get"));
        Assert.Contains("pageSize", NamesOf("/api/dossiers", "get"));
        Assert.Equal(["token"], NamesOf("/api/partner/dossiers/{id}", "get"));
        Assert.Equal(["token"], NamesOf("/api/bookings/{id}/cancel", "post"));
    }

    [GeneratedRegex(@"^\| `([A-Z]+ /api[^`]*)` \|")]
    private static partial Regex MatrixRow();
}
