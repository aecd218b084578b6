using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Wijkwacht.Identity;

internal sealed record Me(string UserId, string UserDetails, string IdentityProvider, IReadOnlyList<string> Roles);

internal static class IdentityApi
{
    public static void MapIdentity(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", GetMe).WithName(nameof(GetMe)).WithTags("Identity").RequireAuthorization(Policies.Signedin);
    }

    private static Ok<Me> GetMe(ClaimsPrincipal user) => TypedResults.Ok(new Me(
        user.UserId(),
        user.Identity?.Name ?? "",
        user.FindFirstValue("idp") ?? "",
        [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)]));
}
