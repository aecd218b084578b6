using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Wijkwacht.Problems;

internal sealed class RateLimitOptions
{
    /// <summary>Requests one client may make per minute to the cheap endpoints open to anyone (links, reference data).</summary>
    public int PublicPermitsPerMinute { get; set; } = 120;

    /// <summary>Free-time queries per client per minute: each reads the officer's calendar (Graph) and the bookings.</summary>
    public int SlotsPermitsPerMinute { get; set; } = 30;

    /// <summary>Booking changes per client per minute: booking, confirming, moving, cancelling (each may send mail).</summary>
    public int BookingsPermitsPerMinute { get; set; } = 10;

    /// <summary>Citizen reports per client per minute (a named policy ready for the citizen report endpoints).</summary>
    public int CitizenReportsPerHour { get; set; } = 10;

    /// <summary>Health checks per client per minute.</summary>
    public int HealthPermitsPerMinute { get; set; } = 30;

    /// <summary>Requests per minute to all anonymous endpoints from everyone together: the ceiling on what anonymous traffic costs.</summary>
    public int PublicTotalPermitsPerMinute { get; set; } = 6000;

    /// <summary>
    /// Where the client's address comes from. Empty: the connection's own address (a local run, or a front end
    /// that connects on the client's behalf without telling). A header name: that header, set by the trusted
    /// front end in front of the app — only name a header the platform overwrites or appends to, since a client
    /// can send any header. For <c>X-Forwarded-For</c> the entry counted from the end by
    /// <see cref="ForwardedForEntryFromEnd"/> is used: proxies append, so only the entries they added are theirs.
    /// </summary>
    public string ClientAddressHeader { get; set; } = "";

    /// <summary>Which X-Forwarded-For entry, from the end, the trusted front end wrote: 1 for the last.</summary>
    public int ForwardedForEntryFromEnd { get; set; } = 1;
}

/// <summary>
/// Limits on the endpoints open to people without an account, per client address, with separate quotas for the
/// expensive ones so that one cannot eat another's share, and a ceiling over all anonymous traffic.
/// </summary>
internal static class RateLimits
{
    public const string Public = nameof(Public);
    public const string Slots = nameof(Slots);
    public const string Bookings = nameof(Bookings);
    public const string CitizenReports = nameof(CitizenReports);
    public const string Health = nameof(Health);

    /// <summary>Every policy of endpoints open to anyone; all of them count towards the overall ceiling.</summary>
    public static readonly IReadOnlySet<string> Anonymous = new HashSet<string>([Public, Slots, Bookings, CitizenReports, Health]);

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("RateLimiting").Get<RateLimitOptions>() ?? new RateLimitOptions();
        if (options.ForwardedForEntryFromEnd < 1)
        {
            throw new InvalidOperationException("RateLimiting:ForwardedForEntryFromEnd is 1 (the last entry) or more.");
        }

        var clients = new ClientAddresses(options.ClientAddressHeader, options.ForwardedForEntryFromEnd);
        builder.Services.AddSingleton(clients);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName is { } policy && Anonymous.Contains(policy)
                    ? RateLimitPartition.GetFixedWindowLimiter("all-anonymous", _ => PerMinute(options.PublicTotalPermitsPerMinute))
                    : RateLimitPartition.GetNoLimiter("other"));
            foreach (var (policy, permits) in new[]
            {
                (Public, options.PublicPermitsPerMinute), (Slots, options.SlotsPermitsPerMinute), (Bookings, options.BookingsPermitsPerMinute),
                (Health, options.HealthPermitsPerMinute),
            })
            {
                // Each policy keeps its own counts per client (ASP.NET Core keys partitions by policy too).
                limiter.AddPolicy(policy, context => RateLimitPartition.GetFixedWindowLimiter(clients.KeyOf(context), _ => PerMinute(permits)));
            }

            // A citizen reports a few problems a day at most: counted per hour, so a burst cannot flood the partners.
            limiter.AddPolicy(CitizenReports, context => RateLimitPartition.GetFixedWindowLimiter(clients.KeyOf(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.CitizenReportsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));

            limiter.OnRejected = async (context, cancellationToken) =>
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
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = "Wait a moment and try again.",
                        Extensions = { ["code"] = ErrorCodes.RateLimited },
                    },
                });
            };
        });
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
}
