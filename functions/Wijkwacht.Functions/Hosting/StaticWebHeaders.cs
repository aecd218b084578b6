using System.Text.Json;

namespace Wijkwacht.Hosting;

/// <summary>
/// Applies the globalHeaders of staticwebapp.config.json to local static responses, so the security headers
/// (CSP, HSTS, frame-ancestors, referrer policy) are written once and behave the same locally and in Azure.
/// API responses are left alone, as Static Web Apps does.
/// </summary>
internal sealed class StaticWebHeaders(RequestDelegate next, string configPath, string[] extraSources)
{
    private readonly KeyValuePair<string, string>[] _headers = [.. Read(configPath).Select(h => h.Key == "Content-Security-Policy" ? KeyValuePair.Create(h.Key, Allow(h.Value, extraSources)) : h)];

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            foreach (var (name, value) in _headers)
            {
                context.Response.Headers[name] = value;
            }
        }

        return next(context);
    }

    // Locally the browser uploads photos to, and shows them from, Azurite rather than *.blob.core.windows.net.
    private static string Allow(string policy, string[] sources) => sources.Length == 0
        ? policy
        : string.Join("; ", policy.Split(';', StringSplitOptions.TrimEntries)
            .Where(d => d != "upgrade-insecure-requests") // Azurite speaks plain http
            .Select(d => d.StartsWith("connect-src ", StringComparison.Ordinal) || d.StartsWith("img-src ", StringComparison.Ordinal) ? $"{d} {string.Join(' ', sources)}" : d));

    private static KeyValuePair<string, string>[] Read(string configPath)
    {
        if (!File.Exists(configPath))
        {
            return [];
        }

        using var document = JsonDocument.Parse(File.ReadAllText(configPath));
        return document.RootElement.TryGetProperty("globalHeaders", out var headers)
            ? [.. headers.EnumerateObject().Select(h => KeyValuePair.Create(h.Name, h.Value.GetString() ?? ""))]
            : [];
    }
}
