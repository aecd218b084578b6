using Azure;
using Azure.Data.Tables;
using Wijkwacht.Storage;

namespace Wijkwacht.Observations;

/// <summary>Observations keyed by their client-made id, so a retried create finds the first one.</summary>
internal sealed class ObservationStore([FromKeyedServices(Tables.Observations)] TableClient table)
{
    private const string Row = "observation";

    /// <returns>The stored observation, and whether this call created it (false: it existed already).</returns>
    public async Task<(Observation Stored, bool Created)> AddAsync(Observation observation, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(ToEntity(observation), cancellationToken);
            return (observation, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await GetAsync(observation.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Observation {observation.Id} conflicted but cannot be read.");
            return (existing, false);
        }
    }

    public async Task<Observation?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(id.ToString(), Row, cancellationToken: cancellationToken);
        return entity.HasValue ? FromEntity(entity.Value!) : null;
    }

    /// <summary>An observation belongs to one dossier, so writing the link again writes the same value.</summary>
    public async Task LinkDossierAsync(Guid id, string dossierId, CancellationToken cancellationToken) =>
        await table.UpdateEntityAsync(new TableEntity(id.ToString(), Row) { ["DossierId"] = dossierId }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    private static TableEntity ToEntity(Observation o) => new(o.Id.ToString(), Row)
    {
        ["Category"] = o.Category,
        ["Latitude"] = o.Latitude,
        ["Longitude"] = o.Longitude,
        ["Description"] = o.Description,
        ["ObservedAt"] = o.ObservedAt,
        ["RecordedAt"] = o.RecordedAt,
        ["WardenId"] = o.WardenId,
        ["DossierId"] = o.DossierId,
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
        e.GetString("DossierId"));
}
