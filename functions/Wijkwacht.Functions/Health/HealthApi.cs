using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Problems;

namespace Wijkwacht.Health;

/// <param name="Checks">Each storage service ("tables", "blobs", "queues") and whether it answered.</param>
internal sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks, DateTimeOffset CheckedAt);

internal static class HealthApi
{
    public static void AddHealth(this WebApplicationBuilder builder) => builder.Services.AddSingleton<HealthProbe>();

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", GetHealth).WithName(nameof(GetHealth)).WithTags("Health").AllowAnonymous().RequireRateLimiting(RateLimits.Health);
    }

    /// <summary>
    /// 200 when tables, blobs and queues answered at the last check (at most a few seconds ago); otherwise 503
    /// naming the dependency ("storage") and which of its services failed. Says nothing about the data.
    /// </summary>
    private static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> GetHealth(HealthProbe probe, HttpResponse response, CancellationToken cancellationToken)
    {
        var report = await probe.CheckAsync(cancellationToken);
        if (report.Status == HealthProbe.Healthy)
        {
            return TypedResults.Ok(report);
        }

        var problem = Problem.Unavailable(Dependencies.Storage, response);
        problem.ProblemDetails.Extensions["checks"] = report.Checks;
        problem.ProblemDetails.Extensions["checkedAt"] = report.CheckedAt;
        return problem;
    }
}
