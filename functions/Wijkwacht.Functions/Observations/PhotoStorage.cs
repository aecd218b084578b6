using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;
using Wijkwacht.Storage;

namespace Wijkwacht.Observations;

/// <summary>The result of checking an uploaded photo by its content.</summary>
internal sealed record PhotoCheck(string? ContentType, long Size, string? Problem);

/// <summary>
/// Photos live in Blob Storage, written and read by the device directly through short-lived URLs for one blob
/// (valet key). Blob names are made here from the observation and photo ids, never from what a client sends.
/// An upload URL writes only an incoming blob; confirming checks it by content and copies it to the blob that
/// is read, so nothing written with an upload URL later (it stays valid for its 15 minutes) is ever served.
/// </summary>
internal sealed class PhotoStorage([FromKeyedServices(Containers.Photos)] BlobContainerClient container, TimeProvider time)
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public static readonly TimeSpan UploadLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ReadLifetime = TimeSpan.FromMinutes(5);

    private static readonly Dictionary<string, string> Extensions = new()
    {
        ["image/jpeg"] = "jpg",
        ["image/png"] = "png",
        ["image/webp"] = "webp",
        ["image/heic"] = "heic",
    };

    public static IReadOnlyCollection<string> AllowedTypes => Extensions.Keys;

    /// <summary>Photos of an observation, by the warden.</summary>
    public static string ObservationScope(Guid observationId) => observationId.ToString("D");

    /// <summary>Photos a partner adds to a dossier, e.g. of the resolved situation.</summary>
    public static string DossierScope(string dossierId) => $"dossiers/{Guid.Parse(dossierId):D}";

    public Task<(Uri Url, DateTimeOffset ExpiresAt)> UploadUrlAsync(Guid observationId, Guid photoId, CancellationToken cancellationToken) =>
        UploadUrlAsync(ObservationScope(observationId), photoId, cancellationToken);

    /// <summary>A write-only URL for exactly this photo's incoming blob: create or overwrite it, nothing else.</summary>
    public async Task<(Uri Url, DateTimeOffset ExpiresAt)> UploadUrlAsync(string scope, Guid photoId, CancellationToken cancellationToken)
    {
        var expiresAt = time.GetUtcNow() + UploadLifetime;
        return (await SasAsync(Incoming(scope, photoId), BlobSasPermissions.Create | BlobSasPermissions.Write, expiresAt, cancellationToken), expiresAt);
    }

    public Task<Uri> ReadUrlAsync(Guid observationId, Guid photoId, CancellationToken cancellationToken) =>
        ReadUrlAsync(ObservationScope(observationId), photoId, cancellationToken);

    public async Task<Uri> ReadUrlAsync(string scope, Guid photoId, CancellationToken cancellationToken) =>
        await SasAsync(Blob(scope, photoId), BlobSasPermissions.Read, time.GetUtcNow() + ReadLifetime, cancellationToken);

    /// <summary>
    /// Checks what was uploaded by its first bytes and size. A photo that passes is copied, with its true content
    /// type and an inline disposition, to the blob that is served; the upload is removed either way.
    /// </summary>
    public Task<PhotoCheck> CheckAsync(Guid observationId, Guid photoId, CancellationToken cancellationToken) =>
        CheckAsync(ObservationScope(observationId), photoId, cancellationToken);

    public async Task<PhotoCheck> CheckAsync(string scope, Guid photoId, CancellationToken cancellationToken)
    {
        var incoming = Incoming(scope, photoId);
        BlobProperties properties;
        try
        {
            properties = (await incoming.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new PhotoCheck(null, 0, "Nothing was uploaded for this photo.");
        }

        if (properties.ContentLength > MaxBytes)
        {
            await incoming.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return new PhotoCheck(null, properties.ContentLength, "The photo is larger than 10 MB.");
        }

        var content = (await incoming.DownloadContentAsync(new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } }, cancellationToken)).Value.Content;
        if (ImageTypes.Detect(content.ToMemory().Span) is not { } type)
        {
            await incoming.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return new PhotoCheck(null, properties.ContentLength, "This is not a JPEG, PNG, WebP or HEIC photo.");
        }

        await Blob(scope, photoId).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders
            {
                ContentType = type,
                ContentDisposition = $"inline; filename=\"{photoId}.{Extensions[type]}\"",
                CacheControl = "private, max-age=300",
            },
        }, cancellationToken);
        await incoming.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        return new PhotoCheck(type, content.ToMemory().Length, null);
    }

    public async Task DeleteAsync(Guid observationId, Guid photoId, CancellationToken cancellationToken)
    {
        await Blob(ObservationScope(observationId), photoId).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        await DiscardUploadAsync(observationId, photoId, cancellationToken);
    }

    /// <summary>Removes what was uploaded for a photo and not (or no longer) needed.</summary>
    public async Task DiscardUploadAsync(Guid observationId, Guid photoId, CancellationToken cancellationToken) =>
        await Incoming(ObservationScope(observationId), photoId).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    private BlobClient Blob(string scope, Guid photoId) => container.GetBlobClient($"{scope}/{photoId:D}");

    private BlobClient Incoming(string scope, Guid photoId) => container.GetBlobClient($"incoming/{scope}/{photoId:D}");

    // With an account key (Azurite, or a key-based connection) a service SAS; with a managed identity a user
    // delegation SAS, which Azure signs with a key derived from the identity.
    private async Task<Uri> SasAsync(BlobClient blob, BlobSasPermissions permissions, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var sas = new BlobSasBuilder(permissions, expiresAt)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = time.GetUtcNow().AddMinutes(-5),
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }

        var key = await container.GetParentBlobServiceClient().GetUserDelegationKeyAsync(sas.StartsOn, expiresAt, cancellationToken);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key.Value, container.AccountName) }.ToUri();
    }
}

/// <summary>Image types by their signature bytes, not by what the client claims.</summary>
internal static class ImageTypes
{
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith<byte>([0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        // ISO base media file: size, "ftyp", then a HEIF brand.
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(head[8..12]);
            return brand is "heic" or "heix" or "hevc" or "hevx" or "mif1" or "msf1" or "heim" or "heis" ? "image/heic" : null;
        }

        return null;
    }
}
