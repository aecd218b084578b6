using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Wijkwacht.Storage;

namespace Wijkwacht.Partners;

internal sealed record StoredRoutingRules(RoutingRuleSet RuleSet, ETag ETag);

/// <summary>
/// The routing rules as one JSON document, so a coordinator replaces the whole set at once and a concurrent
/// edit is detected by the document's ETag.
/// </summary>
internal sealed class RoutingRuleStore([FromKeyedServices(Containers.Config)] BlobContainerClient container)
{
    private const string BlobName = "routing-rules.json";

    public async Task<StoredRoutingRules> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(BlobName).DownloadContentAsync(cancellationToken);
            var set = content.Value.Content.ToObjectFromJson(PartnersJsonContext.Default.RoutingRuleSet) ?? new RoutingRuleSet([]);
            return new StoredRoutingRules(set, content.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new StoredRoutingRules(new RoutingRuleSet([]), default);
        }
    }

    /// <param name="ifMatch">The version the change is based on; <c>ETag.All</c> replaces whatever is there.</param>
    /// <returns>The new version, or null when the rules changed since <paramref name="ifMatch"/>.</returns>
    public async Task<ETag?> ReplaceAsync(RoutingRuleSet rules, ETag ifMatch, CancellationToken cancellationToken) =>
        await UploadAsync(rules, new BlobRequestConditions { IfMatch = ifMatch == ETag.All ? null : ifMatch }, cancellationToken);

    public async Task SeedAsync(RoutingRuleSet rules, CancellationToken cancellationToken) =>
        await UploadAsync(rules, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken);

    private async Task<ETag?> UploadAsync(RoutingRuleSet rules, BlobRequestConditions conditions, CancellationToken cancellationToken)
    {
        try
        {
            var uploaded = await container.GetBlobClient(BlobName).UploadAsync(
                BinaryData.FromObjectAsJson(rules, PartnersJsonContext.Default.RoutingRuleSet),
                new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                cancellationToken);
            return uploaded.Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }
    }
}
