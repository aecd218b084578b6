using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Azure.Data.Tables;
using Wijkwacht.Identity;
using Wijkwacht.Storage;

namespace Wijkwacht.Audit;

/// <summary>The kinds of things whose changes are audited.</summary>
internal enum AuditEntity
{
    Observation,
    Dossier,
    Booking,
    Partner,
    RoutingRule,
}

/// <summary>Who made a change: a signed-in user with their roles, or the system itself (timers, queues).</summary>
internal sealed record AuditActor(string Id, string Roles)
{
    public static readonly AuditActor System = new("system", "system");

    public static AuditActor From(ClaimsPrincipal user) =>
        new(user.UserId(), string.Join(',', user.FindAll(ClaimTypes.Role).Select(c => c.Value)));
}

internal sealed record AuditEntry(DateTimeOffset At, string Actor, string Roles, string Action, JsonElement? Changes);

/// <summary>
/// Who changed what, when, in which role: one partition per audited object, entries in time order. Written
/// right after the change it describes; readable by admins only.
/// </summary>
internal sealed class AuditTrail([FromKeyedServices(Tables.AuditTrail)] TableClient table, TimeProvider time)
{
    private static readonly JsonSerializerOptions ChangesJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The names used in the API (?entity=routing-rule).</summary>
    public static readonly IReadOnlyDictionary<string, AuditEntity> EntityNames =
        Enum.GetValues<AuditEntity>().ToDictionary(e => JsonNamingPolicy.KebabCaseLower.ConvertName(e.ToString()), e => e);

    public async Task RecordAsync(AuditEntity entity, string id, string action, AuditActor actor, object? changes, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var row = new TableEntity(PartitionKey(entity, id), $"{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}")
        {
            ["At"] = at,
            ["Actor"] = actor.Id,
            ["Roles"] = actor.Roles,
            ["Action"] = action,
            ["Changes"] = changes is null ? null : JsonSerializer.Serialize(changes, ChangesJson),
        };
        await table.AddEntityAsync(row, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditEntity entity, string id, int max, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(entity, id)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            var changes = row.GetString("Changes");
            entries.Add(new AuditEntry(
                row.GetDateTimeOffset("At")!.Value,
                row.GetString("Actor"),
                row.GetString("Roles"),
                row.GetString("Action"),
                changes is null ? null : JsonDocument.Parse(changes).RootElement.Clone()));
            if (entries.Count >= max)
            {
                break;
            }
        }

        return entries;
    }

    private static string PartitionKey(AuditEntity entity, string id) => $"{entity}|{id}";
}
