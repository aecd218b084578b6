using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Wijkwacht.Identity;

/// <summary>Authenticates from the x-ms-client-principal header that Static Web Apps adds to /api calls.</summary>
internal sealed class ClientPrincipalAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "StaticWebApps";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ClientPrincipal.HeaderName, out var header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var principal = ClientPrincipal.Decode(header.ToString());
        return Task.FromResult(principal is null
            ? AuthenticateResult.Fail("The client principal header is malformed.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal.ToClaimsPrincipal(SchemeName), SchemeName)));
    }
}

internal static class IdentitySetup
{
    public static void AddClientPrincipalIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(ClientPrincipalAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ClientPrincipalAuthenticationHandler>(ClientPrincipalAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Signedin, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.RecordObservations, p => p.RequireRole(Roles.Warden))
            .AddPolicy(Policies.ReadObservations, p => p.RequireRole(Roles.Warden, Roles.Coordinator, Roles.Admin, Roles.Officer))
            .AddPolicy(Policies.FollowDossiers, p => p.RequireRole(Roles.Coordinator, Roles.Admin))
            .AddPolicy(Policies.ReadAudit, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.ManagePartners, p => p.RequireRole(Roles.Coordinator, Roles.Admin))
            .AddPolicy(Policies.MeetCitizens, p => p.RequireRole(Roles.Officer));
    }

    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The endpoint must require a signed-in user.");
}
