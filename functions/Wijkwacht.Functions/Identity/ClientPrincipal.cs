using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wijkwacht.Identity;

/// <summary>
/// The user Static Web Apps forwards in x-ms-client-principal: base64 of UTF-8 JSON with identityProvider,
/// userId, userDetails and userRoles. The header carries no claims.
/// </summary>
internal sealed record ClientPrincipal(
    [property: JsonPropertyName("identityProvider")] string IdentityProvider,
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("userDetails")] string UserDetails,
    [property: JsonPropertyName("userRoles")] IReadOnlyList<string> UserRoles)
{
    public const string HeaderName = "x-ms-client-principal";
    private const int MaxHeaderLength = 8 * 1024;

    public static ClientPrincipal? Decode(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderLength)
        {
            return null;
        }

        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(header));
            var principal = JsonSerializer.Deserialize(json, ClientPrincipalJsonContext.Default.ClientPrincipal);
            return principal is { UserId.Length: > 0, IdentityProvider.Length: > 0 } ? principal with { UserRoles = principal.UserRoles ?? [] } : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    public string Encode() => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this, ClientPrincipalJsonContext.Default.ClientPrincipal));

    public ClaimsPrincipal ToClaimsPrincipal(string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, UserId),
            new(ClaimTypes.Name, UserDetails ?? UserId),
            new("idp", IdentityProvider),
        };
        // "anonymous" and "authenticated" are Static Web Apps' built-in roles, not ours.
        claims.AddRange(UserRoles.Where(r => Roles.All.Contains(r)).Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }
}

[JsonSerializable(typeof(ClientPrincipal))]
internal sealed partial class ClientPrincipalJsonContext : JsonSerializerContext;
