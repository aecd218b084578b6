using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Wijkwacht.Storage;

namespace Wijkwacht.Webhooks;

internal sealed record StoredDelivery(WebhookDelivery Delivery, ETag ETag);

/// <summary>
/// Deliveries keyed by id (one partition each), and a "dead-letters" partition listing the given-up ones
/// newest first, for the coordinator.
/// </summary>
internal sealed class WebhookStore([FromKeyedServices(Tables.WebhookDeliveries)] TableClient table)
{
    private const string DeliveryRow = "delivery";
    private const string DeadLetters = "dead-letters";

    /// <returns>false when a delivery with this id exists already.</returns>
    public async Task<bool> AddAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(ToEntity(delivery.Id, DeliveryRow, delivery), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<StoredDelivery?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(id, DeliveryRow, cancellationToken: cancellationToken);
        return entity.HasValue ? new StoredDelivery(FromEntity(entity.Value!), entity.Value!.ETag) : null;
    }

    /// <returns>false when the delivery changed since it was read.</returns>
    public async Task<bool> SaveAsync(WebhookDelivery delivery, ETag readETag, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(ToEntity(delivery.Id, DeliveryRow, delivery), readETag, TableUpdateMode.Replace, cancellationToken);
            if (delivery.Status == WebhookStatus.Dead)
            {
                var newestFirst = (DateTimeOffset.MaxValue.UtcTicks - (delivery.LastAttemptAt ?? delivery.CreatedAt).UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
                await table.UpsertEntityAsync(ToEntity(DeadLetters, $"{newestFirst}-{delivery.Id}", delivery), TableUpdateMode.Replace, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        var dead = new List<WebhookDelivery>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {DeadLetters}"), maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            dead.Add(FromEntity(entity));
            if (dead.Count >= max)
            {
                break;
            }
        }

        return dead;
    }

    private static TableEntity ToEntity(string partitionKey, string rowKey, WebhookDelivery d) => new(partitionKey, rowKey)
    {
        ["DeliveryId"] = d.Id,
        ["PartnerId"] = d.PartnerId,
        ["Url"] = d.Url.ToString(),
        ["Event"] = d.Event,
        ["Payload"] = d.Payload,
        ["CreatedAt"] = d.CreatedAt,
        ["Status"] = d.Status.ToString(),
        ["Attempts"] = d.Attempts,
        ["LastAttemptAt"] = d.LastAttemptAt,
        ["LastError"] = d.LastError,
    };

    private static WebhookDelivery FromEntity(TableEntity e) => new(
        e.GetString("DeliveryId"),
        e.GetString("PartnerId"),
        new Uri(e.GetString("Url")),
        e.GetString("Event"),
        e.GetString("Payload"),
        e.GetDateTimeOffset("CreatedAt")!.Value,
        Enum.Parse<WebhookStatus>(e.GetString("Status")),
        e.GetInt32("Attempts") ?? 0,
        e.GetDateTimeOffset("LastAttemptAt"),
        e.GetString("LastError"));
}
