using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Wijkwacht.Storage;

/// <summary>Creates every table and container once, at start-up, so no request pays for it.</summary>
internal sealed class StorageInitializer(IServiceProvider services, IEnumerable<IStorageResource> extraResources, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Browsers upload photos straight to Blob Storage, from the site's origin (locally; see BlobCors).
        if (configuration["Storage:CorsOrigins"] is { Length: > 0 } origins)
        {
            await BlobCors.AllowAsync(services.GetRequiredService<BlobServiceClient>(), origins, cancellationToken);
        }

        foreach (var table in Tables.All)
        {
            await services.GetRequiredKeyedService<TableClient>(table).CreateIfNotExistsAsync(cancellationToken);
        }

        foreach (var container in Containers.All)
        {
            await services.GetRequiredKeyedService<BlobContainerClient>(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var resource in extraResources)
        {
            await resource.EnsureCreatedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Something a feature needs to exist before the first request: a queue, seed rows.</summary>
internal interface IStorageResource
{
    Task EnsureCreatedAsync(CancellationToken cancellationToken);
}
