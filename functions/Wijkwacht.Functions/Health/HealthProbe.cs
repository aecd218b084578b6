using Azure.Data.Tables;
using Azure.Storage.Blobs;
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
    TimeProvider time,
    ILogger<HealthProbe> logger) : IDisposable
{
    public const string Healthy = "healthy";

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

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
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await observations.GetEntityIfExistsAsync<TableEntity>("health", "probe", cancellationToken: timeout.Token);
            await outbox.ExistsAsync(timeout.Token);
            return new HealthReport(Healthy, time.GetUtcNow());
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or OperationCanceledException or AggregateException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Health check failed.");
            return new HealthReport("unhealthy", time.GetUtcNow());
        }
    }
}
