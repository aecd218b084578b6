using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Wijkwacht.Storage;

/// <summary>
/// Lets browsers on the site's origins upload photos straight to Blob Storage, locally (Azurite): in Azure the
/// storage account's CORS rules are infrastructure (infra/). Azurite keeps one set of rules for everyone, so the
/// app adds its origins to the rules it finds and keeps the others: a second local instance on another port, or
/// the tests, no longer break the uploads of the first.
/// </summary>
internal static class BlobCors
{
    private const string Methods = "GET,HEAD,PUT,OPTIONS";
    private const string Headers = "content-type,x-ms-blob-type,x-ms-version,x-ms-client-request-id";

    /// <summary>Adds the origins (comma-separated) to the account's rules, unless a rule already allows them.</summary>
    public static async Task AllowAsync(BlobServiceClient blobs, string origins, CancellationToken cancellationToken)
    {
        var wanted = Split(origins);
        // The service's properties have no ETag: two instances starting together can overwrite each other's
        // change, so the rules are read back and the change made again until they hold our origins.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var properties = (await blobs.GetPropertiesAsync(cancellationToken)).Value;
            var rules = WithOrigins(properties.Cors, wanted);
            if (rules is null)
            {
                return;
            }

            properties.Cors = rules;
            await blobs.SetPropertiesAsync(properties, cancellationToken);
            await Task.Delay(TimeSpan.FromMilliseconds(50 * (attempt + 1)), cancellationToken);
        }

        throw new InvalidOperationException($"Blob Storage's CORS rules kept losing the origins {origins}.");
    }

    /// <summary>
    /// The rules with the origins allowed for uploads: added to our rule (the one with our methods and headers)
    /// or as a new rule, every other rule kept as it is. Null when the rules allow them already.
    /// </summary>
    public static IList<BlobCorsRule>? WithOrigins(IList<BlobCorsRule> rules, IReadOnlyCollection<string> origins)
    {
        var missing = origins.Where(origin => !rules.Any(rule => Allows(rule, origin))).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var ours = rules.FirstOrDefault(rule => Same(rule.AllowedMethods, Methods) && Same(rule.AllowedHeaders, Headers));
        var others = rules.Where(rule => rule != ours);
        var merged = new BlobCorsRule
        {
            AllowedOrigins = string.Join(',', (ours is null ? [] : Split(ours.AllowedOrigins)).Concat(missing).Distinct(StringComparer.OrdinalIgnoreCase)),
            AllowedMethods = Methods,
            AllowedHeaders = Headers,
            ExposedHeaders = "etag,x-ms-request-id",
            MaxAgeInSeconds = 3600,
        };
        return [.. others, merged];
    }

    private static bool Allows(BlobCorsRule rule, string origin) =>
        Same(rule.AllowedMethods, Methods) && Covers(rule.AllowedHeaders, Headers)
        && Split(rule.AllowedOrigins).Any(allowed => allowed == "*" || string.Equals(allowed, origin, StringComparison.OrdinalIgnoreCase));

    private static bool Covers(string? allowed, string wanted) =>
        Split(allowed).Contains("*") || Split(wanted).All(header => Split(allowed).Contains(header, StringComparer.OrdinalIgnoreCase));

    private static bool Same(string? a, string b) =>
        Split(a).Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(Split(b).Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    private static List<string> Split(string? list) =>
        [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
