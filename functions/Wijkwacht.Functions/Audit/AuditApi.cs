using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Identity;

namespace Wijkwacht.Audit;

internal sealed record AuditResponse(string Entity, string Id, IReadOnlyList<AuditEntry> Entries);

/// <summary>The audit query: which object's trail to read.</summary>
public sealed record AuditQuery(
    [property: Required, RegularExpression("^(observation|dossier|booking|partner|routing-rule)$", ErrorMessage = "Use observation, dossier, booking, partner or routing-rule.")] string? Entity,
    [property: Required, StringLength(100), RegularExpression("^[A-Za-z0-9._:-]+$", ErrorMessage = "Use the object's id.")] string? Id);

internal static class AuditApi
{
    private const int MaxEntries = 1000;

    public static void AddAudit(this WebApplicationBuilder builder) => builder.Services.AddSingleton<AuditTrail>();

    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", GetAuditTrail).WithName(nameof(GetAuditTrail)).WithTags("Audit").RequireAuthorization(Policies.ReadAudit);
    }

    private static async Task<Ok<AuditResponse>> GetAuditTrail([AsParameters] AuditQuery query, AuditTrail audit, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AuditResponse(query.Entity!, query.Id!, await audit.ReadAsync(AuditTrail.EntityNames[query.Entity!], query.Id!, MaxEntries, cancellationToken)));
}
