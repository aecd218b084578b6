using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Wijkwacht.Problems;

internal sealed class RateLimitOptions
{
    /// <summary>Requests one client may make per minute to the endpoints open to anyone (links, reference data).</summary>
    public int PublicPermitsPerMinute { get; set; } = 120;
}

/// <summary>
/// Limits on the endpoints open to people without an account, per client address. Behind Static Web Apps the
/// client's address is the first of X-Forwarded-For (direct calls to the function app are refused there).
/// </summary>
internal static class RateLimits
{
    public const string Public = nameof(Public);

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        var permits = builder.Configuration.GetValue("RateLimiting:PublicPermitsPerMinute", new RateLimitOptions().PublicPermitsPerMinute);
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(Public, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = "Wait a moment and try again." },
                });
            };
        });
    }

    private static string ClientAddress(HttpContext context) =>
        context.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim() is { Length: > 0 } forwarded
            ? forwarded
            : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
