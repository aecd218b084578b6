using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Wijkwacht.Tests.Identity;

/// <summary>docs/authorization.md is the authorisation matrix; this test holds the app to it, cell by cell.</summary>
public sealed partial class AuthorizationMatrixTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] Callers = ["anonymous", "warden", "coordinator", "officer", "partner", "admin"];
    private readonly WijkwachtApp _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public void TheMatrixListsEveryApiEndpointOfTheApp()
    {
        _app.StartServer();
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {Normalize(e.RoutePattern.RawText!)}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Matrix().Select(row => row.Endpoint).Order(StringComparer.Ordinal), endpoints);
    }

    [Fact]
    public void EveryEndpointOpenToAnyoneIsRateLimited()
    {
        _app.StartServer();
        var open = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true
                && (e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null
                    || e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null))
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/api/dev", StringComparison.Ordinal) && e.RoutePattern.RawText is not ("/api/health" or "/api/openapi.json"))
            .ToList();

        Assert.Contains(open, e => e.RoutePattern.RawText == "/api/bookings/");
        Assert.Contains(open, e => e.RoutePattern.RawText!.StartsWith("/api/partner/dossiers", StringComparison.Ordinal));
        Assert.Empty(open.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName is not ("Public" or "CitizenReports")).Select(e => e.RoutePattern.RawText));
    }

    [Fact]
    public async Task EveryEndpointAllowsAndRefusesEveryCallerAsTheMatrixSays()
    {
        var failures = new List<string>();
        foreach (var row in Matrix())
        {
            var (method, route) = (row.Endpoint.Split(' ')[0], row.Endpoint.Split(' ')[1]);
            foreach (var (caller, allowed) in Callers.Zip(row.Allowed))
            {
                var client = caller == "anonymous" ? _app.CreateClient() : _app.ClientAs($"{caller}-matrix", caller);
                using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(route));
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                var response = await client.SendAsync(request);
                var status = response.StatusCode;
                var refused = caller == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                var (ok, expected) = allowed switch
                {
                    true => (status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)status < 500, "allowed"),
                    false => (status == refused, ((int)refused).ToString()),
                    null => (status == HttpStatusCode.Forbidden && (await response.Content.ReadAsStringAsync()).Contains("This link cannot be used.", StringComparison.Ordinal), "the invalid-link answer"),
                };
                if (!ok)
                {
                    failures.Add($"{row.Endpoint} as {caller}: {(int)status}, expected {expected}");
                }
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>Per caller: true allowed, false refused by role, null authorised by signed link instead.</summary>
    private sealed record Row(string Endpoint, bool?[] Allowed);

    private static List<Row> Matrix() =>
        [.. File.ReadAllLines(Path.Combine(Repository.Root, "docs", "authorization.md"))
            .Select(line => MatrixRow().Match(line))
            .Where(m => m.Success)
            .Select(m => new Row(
                m.Groups["endpoint"].Value,
                [.. m.Groups["cells"].Value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c switch { "✓" => true, "🔗" => (bool?)null, _ => false })]))];

    // "/api/dossiers/{id:guid}/transitions" → "/api/dossiers/{id}/transitions"; no trailing slash.
    private static string Normalize(string pattern) =>
        RouteConstraint().Replace(pattern, "{$1}").TrimEnd('/');

    private static string Concrete(string route) => RouteParameter().Replace(route, _ => Guid.NewGuid().ToString());

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"^\| `(?<endpoint>[A-Z]+ /api[^`]*)` \|(?<cells>.*)\|$")]
    private static partial Regex MatrixRow();

    [GeneratedRegex(@"\{(\w+):[^}]+\}")]
    private static partial Regex RouteConstraint();
}
