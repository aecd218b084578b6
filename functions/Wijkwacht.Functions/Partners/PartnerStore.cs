using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Wijkwacht.Storage;

namespace Wijkwacht.Partners;

internal sealed record StoredPartner(Partner Partner, ETag ETag, string? WebhookSecret);

/// <summary>Partners in one partition: a handful of rows, listed whole.</summary>
internal sealed class PartnerStore([FromKeyedServices(Tables.Partners)] TableClient table)
{
    private const string Partition = "partner";

    public async Task<IReadOnlyList<Partner>> ListAsync(CancellationToken cancellationToken)
    {
        var partners = new List<Partner>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            partners.Add(FromEntity(entity));
        }

        return partners;
    }

    public async Task<StoredPartner?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return entity.HasValue ? new StoredPartner(FromEntity(entity.Value!), entity.Value!.ETag, entity.Value.GetString("WebhookSecret")) : null;
    }

    /// <returns>false when a partner with this id exists.</returns>
    public async Task<bool> AddAsync(Partner partner, string? webhookSecret, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(ToEntity(partner, webhookSecret), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <returns>false when the partner changed since <paramref name="ifMatch"/>.</returns>
    public async Task<bool> ReplaceAsync(Partner partner, string? webhookSecret, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(ToEntity(partner, webhookSecret), ifMatch, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>A new webhook secret: 32 random bytes, base64.</summary>
    public static string NewWebhookSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static TableEntity ToEntity(Partner p, string? webhookSecret) => new(Partition, p.Id)
    {
        ["Name"] = p.Name,
        ["Language"] = p.Language,
        ["Email"] = p.Email,
        ["WebhookUrl"] = p.WebhookUrl?.ToString(),
        ["WebhookSecret"] = webhookSecret,
        ["ServiceLevels"] = JsonSerializer.Serialize(p.ServiceLevels, PartnersJsonContext.Default.IReadOnlyListServiceLevel),
    };

    private static Partner FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetString("Name"),
        e.GetString("Language"),
        e.GetString("Email"),
        e.GetString("WebhookUrl") is { } url ? new Uri(url) : null,
        JsonSerializer.Deserialize(e.GetString("ServiceLevels") ?? "[]", PartnersJsonContext.Default.IReadOnlyListServiceLevel) ?? []);
}
