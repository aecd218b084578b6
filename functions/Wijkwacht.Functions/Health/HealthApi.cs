using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Problems;
using Wijkwacht.Storage;

namespace Wijkwacht.Health;

internal sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks);

internal static class HealthApi
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", GetHealth).WithName(nameof(GetHealth)).WithTags("Health").AllowAnonymous();
    }

    /// <summary>
    /// 200 when tables, blobs and queues answer; otherwise 503 naming the dependency ("storage") and which of its
    /// services failed. Says nothing about the data.
    /// </summary>
    private static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> GetHealth(
        [FromKeyedServices(Tables.Observations)] TableClient observations,
        [FromKeyedServices(Containers.Outbox)] BlobContainerClient outbox,
        QueueServiceClient queues,
        HttpResponse response,
        ILogger<HealthReport> logger,
        CancellationToken cancellationToken)
    {
        var probes = new Dictionary<string, Func<CancellationToken, Task>>
        {
            ["tables"] = ct => observations.GetEntityIfExistsAsync<TableEntity>("health", "probe", cancellationToken: ct),
            ["blobs"] = ct => outbox.ExistsAsync(ct),
            ["queues"] = ct => queues.GetPropertiesAsync(ct),
        };
        var results = await Task.WhenAll(probes.Select(async probe => (probe.Key, Ok: await AnswersAsync(probe.Value, probe.Key, logger, cancellationToken))));
        var checks = results.ToDictionary(r => r.Key, r => r.Ok ? "healthy" : "unreachable");
        if (results.All(r => r.Ok))
        {
            return TypedResults.Ok(new HealthReport("healthy", checks));
        }

        var problem = Problem.Unavailable(Dependencies.Storage, response);
        problem.ProblemDetails.Extensions["checks"] = checks;
        return problem;
    }

    private static async Task<bool> AnswersAsync(Func<CancellationToken, Task> probe, string name, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            await probe(timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or OperationCanceledException or AggregateException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Health check of storage {Service} failed.", name);
            return false;
        }
    }
}
