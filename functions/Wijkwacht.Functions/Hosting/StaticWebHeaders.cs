using System.Text.Json;

namespace Wijkwacht.Hosting;

/// <summary>
/// Applies the globalHeaders of staticwebapp.config.json to local static responses, so the security headers
/// (CSP, HSTS, frame-ancestors, referrer policy) are written once and behave the same locally and in Azure.
/// API responses are left alone, as Static Web Apps does.
/// </summary>
internal sealed class StaticWebHeaders(RequestDelegate next, string configPath)
{
    private readonly KeyValuePair<string, string>[] _headers = Read(configPath);

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
