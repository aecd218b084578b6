using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Storage;

namespace Wijkwacht.Health;

internal sealed record HealthReport(string Status);

internal static class HealthApi
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", GetHealth).WithName(nameof(GetHealth)).WithTags("Health").AllowAnonymous();
    }

    /// <summary>200 when tables and blobs answer; 503 otherwise. Says nothing about the data.</summary>
    private static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> GetHealth(
        [FromKeyedServices(Tables.Observations)] TableClient observations,
        [FromKeyedServices(Containers.Outbox)] BlobContainerClient outbox,
        ILogger<HealthReport> logger,
        CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await observations.GetEntityIfExistsAsync<TableEntity>("health", "probe", cancellationToken: timeout.Token);
            await outbox.ExistsAsync(timeout.Token);
            return TypedResults.Ok(new HealthReport("healthy"));
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or OperationCanceledException or AggregateException)
        {
            logger.LogWarning(exception, "Health check failed.");
            return TypedResults.Problem(title: "Storage is not reachable.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
