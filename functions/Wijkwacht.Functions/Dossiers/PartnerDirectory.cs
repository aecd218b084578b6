using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Wijkwacht.Storage;

namespace Wijkwacht.Dossiers;

/// <summary>A partner service that acts on dossiers (public cleanliness, green spaces, …).</summary>
internal sealed record Partner(string Id, string Name, string Email, string Language);

internal sealed record RoutingRule(string Category, string PartnerId);

/// <summary>Which partner handles which category. A rule for category "*" catches every other category.</summary>
internal sealed class PartnerDirectory(
    [FromKeyedServices(Tables.Partners)] TableClient partners,
    [FromKeyedServices(Tables.RoutingRules)] TableClient routing)
{
    private const string PartnerPartition = "partner";
    private const string RulePartition = "category";
    public const string AnyCategory = "*";

    public async Task<Partner> ForCategoryAsync(string category, CancellationToken cancellationToken)
    {
        var rule = await routing.GetEntityIfExistsAsync<TableEntity>(RulePartition, category, cancellationToken: cancellationToken);
        if (!rule.HasValue)
        {
            rule = await routing.GetEntityIfExistsAsync<TableEntity>(RulePartition, AnyCategory, cancellationToken: cancellationToken);
        }

        var partnerId = rule.HasValue ? rule.Value!.GetString("PartnerId") : null;
        return partnerId is null
            ? throw new InvalidOperationException($"No routing rule covers category {category}, and there is no rule for \"*\".")
            : await GetAsync(partnerId, cancellationToken) ?? throw new InvalidOperationException($"Routing names partner {partnerId}, which does not exist.");
    }

    public async Task<Partner?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await partners.GetEntityIfExistsAsync<TableEntity>(PartnerPartition, id, cancellationToken: cancellationToken);
        return entity.HasValue
            ? new Partner(id, entity.Value!.GetString("Name"), entity.Value.GetString("Email"), entity.Value.GetString("Language"))
            : null;
    }

    /// <summary>Adds the partners and rules of Data/partners.json that are not there yet; edits made since are kept.</summary>
    public async Task SeedAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var seed = await JsonSerializer.DeserializeAsync(stream, PartnerSeedJsonContext.Default.PartnerSeed, cancellationToken)
            ?? throw new InvalidDataException($"{path} is empty.");
        foreach (var p in seed.Partners)
        {
            await AddIfMissingAsync(partners, new TableEntity(PartnerPartition, p.Id) { ["Name"] = p.Name, ["Email"] = p.Email, ["Language"] = p.Language }, cancellationToken);
        }

        foreach (var r in seed.Routing)
        {
            await AddIfMissingAsync(routing, new TableEntity(RulePartition, r.Category) { ["PartnerId"] = r.PartnerId }, cancellationToken);
        }
    }

    private static async Task AddIfMissingAsync(TableClient table, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }
    }
}

internal sealed record PartnerSeed(IReadOnlyList<Partner> Partners, IReadOnlyList<RoutingRule> Routing);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PartnerSeed))]
internal sealed partial class PartnerSeedJsonContext : JsonSerializerContext;
