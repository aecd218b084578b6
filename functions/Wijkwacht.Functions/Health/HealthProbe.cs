using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Wijkwacht.Storage;

namespace Wijkwacht.Health;

/// <summary>
/// Whether storage answers, checked at most once per <see cref="CacheFor"/> whatever the number of callers: a
/// health endpoint open to anyone must not become a way to make the app hammer its storage. Callers in the same
/// period share the last result; concurrent callers wait for the one check under way.
/// </summary>
internal sealed class HealthProbe(
    [FromKeyedServices(Tables.Observations)] TableClient observations,
    [FromKeyedServices(Containers.Outbox)] BlobContainerClient outbox,
    QueueServiceClient queues,
    TimeProvider time,
    ILogger<HealthProbe> logger) : IDisposable
{
    public const string Healthy = "healthy";

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _checking = new(1, 1);
    private HealthReport? _last;

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _checking.WaitAsync(cancellationToken);
        try
        {
            return Fresh() ?? (_last = await ProbeAsync(cancellationToken));
        }
        finally
        {
            _checking.Release();
        }
    }

    public void Dispose() => _checking.Dispose();

    private HealthReport? Fresh() => _last is { } last && time.GetUtcNow() - last.CheckedAt < CacheFor ? last : null;

    private async Task<HealthReport> ProbeAsync(CancellationToken cancellationToken)
    {
        var probes = new Dictionary<string, Func<CancellationToken, Task>>
        {
            ["tables"] = ct => observations.GetEntityIfExistsAsync<TableEntity>("health", "probe", cancellationToken: ct),
            ["blobs"] = ct => outbox.ExistsAsync(ct),
            ["queues"] = ct => queues.GetPropertiesAsync(ct),
        };
        var results = await Task.WhenAll(probes.Select(async probe => (probe.Key, Ok: await AnswersAsync(probe.Key, probe.Value, cancellationToken))));
        var checks = results.ToDictionary(r => r.Key, r => r.Ok ? Healthy : "unreachable");
        return new HealthReport(results.All(r => r.Ok) ? Healthy : "unhealthy", checks, time.GetUtcNow());
    }

    private async Task<bool> AnswersAsync(string name, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
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
