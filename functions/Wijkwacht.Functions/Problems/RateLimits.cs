using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Wijkwacht.Problems;

internal sealed class RateLimitOptions
{
    /// <summary>Requests one client may make per minute to the endpoints open to anyone (links, reference data).</summary>
    public int PublicPermitsPerMinute { get; set; } = 120;

    /// <summary>
    /// Requests per minute to those endpoints from everyone together: the client address comes from a header a
    /// caller can set, so this ceiling is what really bounds the load anonymous traffic puts on storage.
    /// </summary>
    public int PublicTotalPermitsPerMinute { get; set; } = 6000;
}

/// <summary>
/// Limits on the endpoints open to people without an account, per client address. Behind Static Web Apps the
/// client's address is the first of X-Forwarded-For (direct calls to the function app are refused there).
/// </summary>
internal static class RateLimits
{
    public const string Public = nameof(Public);

    /// <summary>New citizen reports per client address and hour: each one may become a dossier and a mail.</summary>
    public const string CitizenReports = nameof(CitizenReports);

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        var defaults = new RateLimitOptions();
        var permits = builder.Configuration.GetValue("RateLimiting:PublicPermitsPerMinute", defaults.PublicPermitsPerMinute);
        var total = builder.Configuration.GetValue("RateLimiting:PublicTotalPermitsPerMinute", defaults.PublicTotalPermitsPerMinute);
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Public
                    ? RateLimitPartition.GetFixedWindowLimiter("all-public", _ => new FixedWindowRateLimiterOptions { PermitLimit = total, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("other"));
            options.AddPolicy(Public, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            var reportsPerHour = builder.Configuration.GetValue("RateLimiting:CitizenReportsPerHour", 10);
            options.AddPolicy(CitizenReports, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = reportsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
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

    /// <summary>The client's address without a port: a port changes with every connection and would reset the count.</summary>
    private static string ClientAddress(HttpContext context)
    {
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim();
        if (forwarded.Length == 0)
        {
            return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        }

        if (System.Net.IPEndPoint.TryParse(forwarded, out var endPoint))
        {
            return endPoint.Address.ToString();
        }

        return forwarded.Length <= 64 ? forwarded : forwarded[..64];
    }
}
