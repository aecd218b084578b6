using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Wijkwacht.Storage;

namespace Wijkwacht.Observations;

internal sealed record StoredObservation(Observation Observation, ETag ETag);

/// <summary>
/// Observations keyed by their client-made id, so a retried create finds the first one; and an index per
/// warden (and one of all) with the newest first, for the lists.
/// </summary>
internal sealed class ObservationStore(
    [FromKeyedServices(Tables.Observations)] TableClient table,
    [FromKeyedServices(Tables.ObservationIndex)] TableClient index,
    IEnumerable<IObservationChangeListener> listeners)
{
    private const string Row = "observation";

    // The shared index and the wardens' own must never share a partition: a warden whose user id is "all" would
    // otherwise list everyone's observations. User partitions carry a prefix the shared key cannot have.
    // (Index rows written before the prefix, under the bare user id, are no longer listed; they can be rebuilt
    // from the shared partition, whose rows name each observation. Demo data is simply created again.)
    private const string Everyone = "all";

    private static string WardenPartition(string wardenId) => "warden-" + wardenId;

    /// <returns>The stored observation, and whether this call created it (false: it existed already).</returns>
    public async Task<(Observation Stored, bool Created)> AddAsync(Observation observation, CancellationToken cancellationToken)
    {
        bool created;
        try
        {
            await table.AddEntityAsync(ToEntity(observation), cancellationToken);
            created = true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            created = false;
        }

        var stored = created ? observation : (await GetAsync(observation.Id, cancellationToken))?.Observation
            ?? throw new InvalidOperationException($"Observation {observation.Id} conflicted but cannot be read.");
        // Written on every attempt, so a retry after a crash completes the lists.
        await IndexAsync(stored, cancellationToken);
        await NotifyAsync(stored, cancellationToken);
        return (stored, created);
    }

    public async Task<StoredObservation?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(id.ToString(), Row, cancellationToken: cancellationToken);
        return entity.HasValue ? new StoredObservation(FromEntity(entity.Value!), entity.Value!.ETag) : null;
    }

    /// <returns>false when the observation changed since it was read.</returns>
    public async Task<bool> ReplaceAsync(Observation observation, ETag readETag, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(ToEntity(observation), readETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }

        await NotifyAsync(observation, cancellationToken);
        return true;
    }

    /// <summary>An observation belongs to one dossier, so writing the link again writes the same value.</summary>
    public async Task LinkDossierAsync(Guid id, string dossierId, CancellationToken cancellationToken) =>
        await table.UpdateEntityAsync(new TableEntity(id.ToString(), Row) { ["DossierId"] = dossierId }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>The partner its dossier is with, kept on the row so the warden's list needs no dossier read.</summary>
    public async Task NamePartnerAsync(Guid id, string partnerName, CancellationToken cancellationToken) =>
        await table.UpdateEntityAsync(new TableEntity(id.ToString(), Row) { ["PartnerName"] = partnerName }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>A page of one warden's observations (or everyone's, for a null warden), newest first.</summary>
    /// <returns>null when the continuation token is not one this list gave out.</returns>
    public async Task<(IReadOnlyList<Observation> Items, string? ContinuationToken)?> ListAsync(string? wardenId, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {(wardenId is null ? Everyone : WardenPartition(wardenId))}");
        if (continuationToken is not null)
        {
            if (NewestFirst.RowKeyOf(continuationToken) is not { } firstRow)
            {
                return null;
            }

            filter += " and " + TableClient.CreateQueryFilter($"RowKey ge {firstRow}");
        }

        var rows = new List<TableEntity>(pageSize + 1);
        await foreach (var row in index.QueryAsync<TableEntity>(filter, maxPerPage: pageSize + 1, cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count > pageSize)
            {
                break;
            }
        }

        var items = new List<Observation>();
        foreach (var row in rows.Take(pageSize))
        {
            if (await GetAsync(Guid.Parse(row.GetString("ObservationId")), cancellationToken) is { } stored)
            {
                items.Add(stored.Observation);
            }
        }

        var next = rows.Count > pageSize ? NewestFirst.Token(rows[pageSize].RowKey) : null;
        return (items, next);
    }

    private async Task NotifyAsync(Observation stored, CancellationToken cancellationToken)
    {
        foreach (var listener in listeners)
        {
            await listener.ObservationStoredAsync(stored, cancellationToken);
        }
    }

    private async Task IndexAsync(Observation o, CancellationToken cancellationToken)
    {
        var newestFirst = NewestFirst.RowKey(o.RecordedAt, o.Id);
        foreach (var partition in new[] { WardenPartition(o.WardenId), Everyone })
        {
            await index.UpsertEntityAsync(new TableEntity(partition, newestFirst) { ["ObservationId"] = o.Id.ToString() }, TableUpdateMode.Replace, cancellationToken);
        }
    }


    private static TableEntity ToEntity(Observation o) => new(o.Id.ToString(), Row)
    {
        ["Category"] = o.Category,
        ["Subcategory"] = o.Subcategory,
        ["Latitude"] = o.Latitude,
        ["Longitude"] = o.Longitude,
        ["Accuracy"] = o.Accuracy,
        ["Address"] = o.Address,
        ["NeighbourhoodId"] = o.NeighbourhoodId,
        ["HotspotId"] = o.HotspotId,
        ["Description"] = o.Description,
        ["ObservedAt"] = o.ObservedAt,
        ["RecordedAt"] = o.RecordedAt,
        ["WardenId"] = o.WardenId,
        ["DossierId"] = o.DossierId,
        ["PartnerName"] = o.PartnerName,
        ["Gas"] = o.Gas is null ? null : JsonSerializer.Serialize(o.Gas, ObservationStoreJsonContext.Default.GasDetails),
        ["Photos"] = JsonSerializer.Serialize(o.Photos, ObservationStoreJsonContext.Default.IReadOnlyListPhoto),
    };

    private static Observation FromEntity(TableEntity e) => new(
        Guid.Parse(e.PartitionKey),
        e.GetString("Category"),
        e.GetDouble("Latitude")!.Value,
        e.GetDouble("Longitude")!.Value,
        e.GetString("Description"),
        e.GetDateTimeOffset("ObservedAt")!.Value,
        e.GetDateTimeOffset("RecordedAt")!.Value,
        e.GetString("WardenId"),
        e.GetString("DossierId"))
    {
        Subcategory = e.GetString("Subcategory"),
        Accuracy = e.GetDouble("Accuracy"),
        Address = e.GetString("Address"),
        NeighbourhoodId = e.GetString("NeighbourhoodId"),
        HotspotId = e.GetString("HotspotId"),
        PartnerName = e.GetString("PartnerName"),
        Gas = e.GetString("Gas") is { } gas ? JsonSerializer.Deserialize(gas, ObservationStoreJsonContext.Default.GasDetails) : null,
        Photos = e.GetString("Photos") is { } photos ? JsonSerializer.Deserialize(photos, ObservationStoreJsonContext.Default.IReadOnlyListPhoto) ?? [] : [],
    };
}

[JsonSerializable(typeof(GasDetails))]
[JsonSerializable(typeof(IReadOnlyList<Photo>))]
internal sealed partial class ObservationStoreJsonContext : JsonSerializerContext;
