using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Wijkwacht.Storage;

/// <summary>Creates every table and container once, at start-up, so no request pays for it.</summary>
internal sealed class StorageInitializer(IServiceProvider services, IEnumerable<IStorageResource> extraResources, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Browsers upload photos straight to Blob Storage, from the site's origin. In Azure the storage account's
        // CORS rules are infrastructure (infra/); locally Azurite gets them here.
        if (configuration["Storage:CorsOrigins"] is { Length: > 0 } origins)
        {
            var blobs = services.GetRequiredService<BlobServiceClient>();
            var properties = (await blobs.GetPropertiesAsync(cancellationToken)).Value;
            properties.Cors = [new Azure.Storage.Blobs.Models.BlobCorsRule
            {
                AllowedOrigins = origins,
                AllowedMethods = "GET,HEAD,PUT,OPTIONS",
                AllowedHeaders = "content-type,x-ms-blob-type,x-ms-version,x-ms-client-request-id",
                ExposedHeaders = "etag,x-ms-request-id",
                MaxAgeInSeconds = 3600,
            }];
            await blobs.SetPropertiesAsync(properties, cancellationToken);
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
