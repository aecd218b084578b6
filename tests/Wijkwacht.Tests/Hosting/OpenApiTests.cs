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

    [GeneratedRegex(@"^\| `([A-Z]+ /api[^`]*)` \|")]
    private static partial Regex MatrixRow();
}
