using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Wijkwacht.Storage;

namespace Wijkwacht.Dossiers;

internal sealed record StoredDossier(Dossier Dossier, ETag ETag, IReadOnlyList<DossierEvent> Events);

/// <summary>
/// One partition per dossier: the dossier row and its event rows, so a change and the events it causes are
/// written in one transaction, guarded by the dossier row's ETag.
/// </summary>
internal sealed class DossierStore([FromKeyedServices(Tables.Dossiers)] TableClient table, DossierIndex index)
{
    private const string DossierRow = "dossier";
    private const string EventRowPrefix = "event-";

    public async Task<StoredDossier?> GetAsync(string id, CancellationToken cancellationToken)
    {
        TableEntity? main = null;
        var events = new List<DossierEvent>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}"), cancellationToken: cancellationToken))
        {
            if (entity.RowKey == DossierRow)
            {
                main = entity;
            }
            else if (entity.RowKey.StartsWith(EventRowPrefix, StringComparison.Ordinal))
            {
                events.Add(ToEvent(entity));
            }
        }

        return main is null ? null : new StoredDossier(ToDossier(main), main.ETag, events);
    }

    /// <returns>false when the dossier already exists.</returns>
    public async Task<bool> CreateAsync(Dossier dossier, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(ToEntity(dossier), cancellationToken);
            await index.UpsertAsync(dossier, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <returns>false when someone else changed the dossier since it was read (nothing is written then).</returns>
    public async Task<bool> SaveAsync(Dossier dossier, ETag readETag, IEnumerable<DossierEvent> newEvents, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, ToEntity(dossier), readETag) };
        actions.AddRange(newEvents.Select(e => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(dossier.Id, e))));
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            await index.UpsertAsync(dossier, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Adds an event that changes nothing on the dossier itself (a note), so it never makes someone else's change a
    /// lost race. Keyed by its own id: a retry adds it once. Returns false when it was there already.
    /// </summary>
    public async Task<bool> AddEventOnceAsync(string dossierId, DossierEvent e, CancellationToken cancellationToken)
    {
        var entity = ToEntity(dossierId, e);
        entity.RowKey = $"{EventRowPrefix}{e.Kind}-{e.Key}";
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException x) when (x.Status == 409)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(Dossier d) => new(d.Id, DossierRow)
    {
        ["Category"] = d.Category,
        ["NeighbourhoodId"] = d.NeighbourhoodId,
        ["PartnerId"] = d.PartnerId,
        ["ObservationIds"] = string.Join(',', d.ObservationIds),
        ["CreatedAt"] = d.CreatedAt,
        ["Status"] = d.Status.ToString(),
        ["ForwardedAt"] = d.ForwardedAt,
        ["AcknowledgedAt"] = d.AcknowledgedAt,
        ["ClosedAt"] = d.ClosedAt,
        ["RejectionReason"] = d.RejectionReason,
        ["AcknowledgeBy"] = d.AcknowledgeBy,
        ["ResolveBy"] = d.ResolveBy,
        ["AcknowledgementFollowUps"] = d.AcknowledgementFollowUps,
        ["ResolutionFollowUps"] = d.ResolutionFollowUps,
        ["Forwardings"] = d.Forwardings,
        ["Escalated"] = d.Escalated,
        ["EscalatedAt"] = d.EscalatedAt,
    };

    public static Dossier ToDossier(TableEntity e) => new()
    {
        Id = e.PartitionKey,
        Category = e.GetString("Category"),
        NeighbourhoodId = e.GetString("NeighbourhoodId"),
        PartnerId = e.GetString("PartnerId"),
        ObservationIds = [.. e.GetString("ObservationIds").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)],
        CreatedAt = e.GetDateTimeOffset("CreatedAt")!.Value,
        Status = Enum.Parse<DossierStatus>(e.GetString("Status")),
        ForwardedAt = e.GetDateTimeOffset("ForwardedAt"),
        AcknowledgedAt = e.GetDateTimeOffset("AcknowledgedAt"),
        ClosedAt = e.GetDateTimeOffset("ClosedAt"),
        RejectionReason = e.GetString("RejectionReason"),
        AcknowledgeBy = e.GetDateTimeOffset("AcknowledgeBy"),
        ResolveBy = e.GetDateTimeOffset("ResolveBy"),
        AcknowledgementFollowUps = e.GetInt32("AcknowledgementFollowUps") ?? 0,
        ResolutionFollowUps = e.GetInt32("ResolutionFollowUps") ?? 0,
        Forwardings = e.GetInt32("Forwardings") ?? (e.GetDateTimeOffset("ForwardedAt") is null ? 0 : 1),
        Escalated = e.GetBoolean("Escalated") ?? false,
        EscalatedAt = e.GetDateTimeOffset("EscalatedAt"),
    };

    // Event rows sort by time; the key keeps two events of the same instant apart and makes a replay a conflict.
    private static TableEntity ToEntity(string dossierId, DossierEvent e) =>
        new(dossierId, $"{EventRowPrefix}{e.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{e.Kind}-{e.Key}")
        {
            ["Kind"] = e.Kind.ToString(),
            ["At"] = e.At,
            ["Key"] = e.Key,
            ["To"] = e.To,
            ["Subject"] = e.Subject,
            ["Detail"] = e.Detail,
            ["Note"] = e.Note,
            ["Photo"] = e.Photo,
        };

    private static DossierEvent ToEvent(TableEntity e) => new(
        Enum.Parse<DossierEventKind>(e.GetString("Kind")),
        e.GetDateTimeOffset("At")!.Value,
        e.GetString("Key"),
        e.GetString("To"),
        e.GetString("Subject"),
        e.GetString("Detail"),
        e.GetString("Note"),
        e.GetGuid("Photo"));
}
