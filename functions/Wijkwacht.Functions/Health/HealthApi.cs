using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Problems;

namespace Wijkwacht.Health;

internal sealed record HealthReport(string Status, DateTimeOffset CheckedAt);

internal static class HealthApi
{
    public static void AddHealth(this WebApplicationBuilder builder) => builder.Services.AddSingleton<HealthProbe>();

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", GetHealth).WithName(nameof(GetHealth)).WithTags("Health").AllowAnonymous().RequireRateLimiting(RateLimits.Health);
    }

    /// <summary>200 when tables and blobs answered at the last check (at most a few seconds ago); 503 otherwise. Says nothing about the data.</summary>
    private static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> GetHealth(HealthProbe probe, CancellationToken cancellationToken)
    {
        var report = await probe.CheckAsync(cancellationToken);
        return report.Status == HealthProbe.Healthy
            ? TypedResults.Ok(report)
            : TypedResults.Problem(title: "Storage is not reachable.", statusCode: StatusCodes.Status503ServiceUnavailable,
                extensions: new Dictionary<string, object?> { ["checkedAt"] = report.CheckedAt });
    }
}
