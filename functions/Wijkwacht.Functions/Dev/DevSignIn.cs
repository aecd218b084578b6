using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Identity;
using Wijkwacht.Problems;

namespace Wijkwacht.Dev;

/// <summary>A user to act as locally: what Static Web Apps would put in x-ms-client-principal.</summary>
public sealed record DevSignInRequest(
    [property: Required, StringLength(64, MinimumLength = 1), RegularExpression("^[A-Za-z0-9._@-]+$", ErrorMessage = "Use letters, digits and . _ @ - only.")] string? UserId,
    [property: StringLength(100)] string? Name,
    [property: Required, MaxLength(5)] IReadOnlyList<string>? Roles);

/// <summary>
/// Development sign-in. The page at /signin/ posts a user and roles; the answer is a cookie holding the same
/// base64 principal Static Web Apps sends, and a middleware turns the cookie into the header. Registered only
/// in Development: elsewhere the routes, the page and the cookie mean nothing.
/// </summary>
internal static class DevSignIn
{
    public const string CookieName = "wijkwacht-dev-principal";

    public static void MapDevSignIn(this RouteGroupBuilder group)
    {
        group.MapPost("/signin", SignIn).WithName(nameof(SignIn));
        group.MapPost("/signout", SignOut).WithName(nameof(SignOut));
    }

    /// <summary>Turns the development cookie into the x-ms-client-principal header, unless a real one is present.</summary>
    public static void UseDevSignIn(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        app.Use((context, next) =>
        {
            if (!context.Request.Headers.ContainsKey(ClientPrincipal.HeaderName)
                && context.Request.Cookies.TryGetValue(CookieName, out var principal))
            {
                context.Request.Headers[ClientPrincipal.HeaderName] = principal;
            }

            return next(context);
        });
    }

    private static Results<Ok<Me>, ValidationProblem> SignIn(DevSignInRequest request, HttpResponse response)
    {
        var unknown = request.Roles!.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            return Problem.Invalid("roles", ErrorCodes.UnknownValue, $"Unknown roles: {string.Join(", ", unknown)}. Use {string.Join(", ", Roles.All)}.");
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? request.UserId! : request.Name.Trim();
        var principal = new ClientPrincipal("dev", request.UserId!, name, ["anonymous", "authenticated", .. request.Roles!.Distinct()]);
        response.Cookies.Append(CookieName, principal.Encode(), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        return TypedResults.Ok(new Me(principal.UserId, principal.UserDetails, principal.IdentityProvider, [.. request.Roles!.Distinct()]));
    }

    private static NoContent SignOut(HttpResponse response)
    {
        response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        return TypedResults.NoContent();
    }
}
