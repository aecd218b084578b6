using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Wijkwacht.Problems;
using Wijkwacht.Storage;

namespace Wijkwacht.Identity;

/// <summary>What a signed link lets its holder do; a link for one purpose opens nothing else.</summary>
internal enum LinkPurpose
{
    PartnerDossier,
    CitizenStatus,
    CitizenFeedback,
    BookingManagement,
}

internal sealed class SignedLinkKey
{
    public string Id { get; set; } = "";

    /// <summary>Base64 of at least 32 random bytes.</summary>
    public string Secret { get; set; } = "";
}

internal sealed class SignedLinkOptions
{
    /// <summary>
    /// The active keys, newest first. Links are signed with the first and accepted with any of them, so a key
    /// can be rotated in: add the new key in front, and drop the old one once its links have expired.
    /// </summary>
    public List<SignedLinkKey> Keys { get; set; } = [];
}

/// <summary>
/// Links for people without an account (partner services, citizens): an HMAC-SHA256 signed token scoped to one
/// object and one purpose, with an expiry, revocable per object. Every refusal looks the same to the caller.
/// </summary>
internal sealed class SignedLinks(IOptions<SignedLinkOptions> options, [FromKeyedServices(Tables.LinkRevocations)] TableClient revocations, TimeProvider time)
{
    private const int MaxTokenLength = 1024;

    public string Issue(LinkPurpose purpose, string objectId, TimeSpan lifetime)
    {
        var key = options.Value.Keys.FirstOrDefault() ?? throw new InvalidOperationException("No signed-link key is configured (SignedLinks:Keys).");
        var now = time.GetUtcNow();
        var claims = new LinkClaims(key.Id, purpose, objectId, now.ToUnixTimeMilliseconds(), (now + lifetime).ToUnixTimeSeconds());
        var payload = JsonSerializer.SerializeToUtf8Bytes(claims, SignedLinksJsonContext.Default.LinkClaims);
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(Sign(key, payload))}";
    }

    /// <returns>true only for an intact, unexpired, unrevoked token for exactly this purpose and object.</returns>
    public async Task<bool> IsValidAsync(string? token, LinkPurpose purpose, string objectId, CancellationToken cancellationToken)
    {
        if (Read(token) is not { } claims || claims.Purpose != purpose || claims.ObjectId != objectId
            || DateTimeOffset.FromUnixTimeSeconds(claims.ExpiresAt) <= time.GetUtcNow())
        {
            return false;
        }

        var revocation = await revocations.GetEntityIfExistsAsync<TableEntity>(purpose.ToString(), RevocationKey(objectId), ["RevokedBefore"], cancellationToken);
        return !revocation.HasValue
            || revocation.Value!.GetInt64("RevokedBefore") is not { } revokedBefore
            // The new link a renewal sends is issued in the same millisecond as the revocation (always so on a
            // stopped test clock): it must work. Only links issued before the revocation are withdrawn.
            || claims.IssuedAt >= revokedBefore;
    }

    /// <summary>Every link issued so far for this object and purpose stops working; links issued later work.</summary>
    public async Task RevokeAsync(LinkPurpose purpose, string objectId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(purpose.ToString(), RevocationKey(objectId)) { ["RevokedBefore"] = time.GetUtcNow().ToUnixTimeMilliseconds() };
        await revocations.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The one answer to every unusable link: forged, expired, for another purpose or object, revoked.</summary>
    public static ProblemHttpResult InvalidLink() => Problem.Refused(StatusCodes.Status403Forbidden, ErrorCodes.LinkInvalid,
        "This link cannot be used.", "The link is not valid, has expired or was withdrawn. Ask whoever sent it to you for a new one.");

    private LinkClaims? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || token.Split('.') is not [var encodedPayload, var encodedSignature])
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(encodedPayload);
            var signature = Base64Url.DecodeFromChars(encodedSignature);
            var claims = JsonSerializer.Deserialize(payload, SignedLinksJsonContext.Default.LinkClaims);
            var key = options.Value.Keys.FirstOrDefault(k => k.Id == claims?.KeyId);
            return key is not null && CryptographicOperations.FixedTimeEquals(Sign(key, payload), signature) ? claims : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    private static byte[] Sign(SignedLinkKey key, byte[] payload) => HMACSHA256.HashData(Convert.FromBase64String(key.Secret), payload);

    // Row keys may not hold '/', '\', '#' or '?'; object ids are ours, but hashing keeps any id safe and short.
    private static string RevocationKey(string objectId) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(objectId)));
}

internal sealed record LinkClaims(
    [property: JsonPropertyName("k")] string KeyId,
    [property: JsonPropertyName("p")] LinkPurpose Purpose,
    [property: JsonPropertyName("o")] string ObjectId,
    [property: JsonPropertyName("i")] long IssuedAt,
    [property: JsonPropertyName("e")] long ExpiresAt);

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(LinkClaims))]
internal sealed partial class SignedLinksJsonContext : JsonSerializerContext;

internal static class SignedLinksSetup
{
    /// <summary>
    /// Every endpoint of the group needs a signed link for <paramref name="purpose"/> in ?token=, opening the
    /// object in the route's {id}. Checked before anything else, so without a valid link every request gets the
    /// same answer and learns nothing.
    /// </summary>
    public static TBuilder RequireSignedLink<TBuilder>(this TBuilder builder, LinkPurpose purpose)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            // Read from the query by the filter below, so the document learns of it here.
            operation.Parameters ??= [];
            operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
            {
                Name = "token",
                In = Microsoft.OpenApi.ParameterLocation.Query,
                Required = true,
                Description = "The signed link's token.",
                Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, MaxLength = 1024 },
            });
            return Task.CompletedTask;
        })
        .AddEndpointFilterFactory((factory, next) =>
        {
            var links = factory.ApplicationServices.GetRequiredService<SignedLinks>();
            return async context =>
            {
                var request = context.HttpContext.Request;
                var valid = await links.IsValidAsync(request.Query["token"].ToString(), purpose, request.RouteValues["id"]?.ToString() ?? "", context.HttpContext.RequestAborted);
                return valid ? await next(context) : SignedLinks.InvalidLink();
            };
        });

    /// <summary>The key in local.settings.sample.json: fine on a laptop, refused anywhere else.</summary>
    private const string SampleSecret = "bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1zaWduZWQtbGluay1rZXktMDAwMQ==";

    public static void AddSignedLinks(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<SignedLinkOptions>()
            .BindConfiguration("SignedLinks")
            .Validate(o => o.Keys.Count is >= 1 and <= 2, "Configure one or two signed-link keys (SignedLinks:Keys), newest first.")
            .Validate(o => o.Keys.All(k => k.Id.Length > 0 && IsStrongSecret(k.Secret)), "Each signed-link key needs an Id and a Secret of at least 32 random bytes in base64.")
            .Validate(o => development || o.Keys.All(k => k.Secret != SampleSecret), "The sample signed-link key may only be used in Development.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SignedLinks>();
    }

    private static bool IsStrongSecret(string secret)
    {
        var bytes = new byte[secret.Length];
        return Convert.TryFromBase64String(secret, bytes, out var length) && length >= 32;
    }
}
