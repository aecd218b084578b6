using Azure.Data.Tables;
using Wijkwacht.Storage;

namespace Wijkwacht.Dossiers;

internal sealed record DossierSummary(
    string Id,
    DossierStatus Status,
    string Category,
    string PartnerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AcknowledgeBy,
    DateTimeOffset? ResolveBy,
    bool Escalated,
    bool Overdue);

internal sealed record DossierPage(IReadOnlyList<DossierSummary> Items, string? ContinuationToken);

/// <summary>
/// The list of dossiers for coordinators, newest first: one index row per dossier in one partition, keyed by
/// inverted creation time, refreshed whenever the dossier is written (and daily by the reconciliation, should a
/// refresh have been lost). Status, partner and overdue are filters on that partition.
/// </summary>
internal sealed class DossierIndex([FromKeyedServices(Tables.DossierIndex)] TableClient table, TimeProvider time)
{
    private const string Partition = "dossiers";

    public async Task UpsertAsync(Dossier d, CancellationToken cancellationToken)
    {
        await table.UpsertEntityAsync(new TableEntity(Partition, NewestFirst.RowKey(d.CreatedAt, d.Id))
        {
            ["DossierId"] = d.Id,
            ["Status"] = d.Status.ToString(),
            ["Category"] = d.Category,
            ["PartnerId"] = d.PartnerId,
            ["CreatedAt"] = d.CreatedAt,
            ["AcknowledgeBy"] = d.AcknowledgeBy,
            ["ResolveBy"] = d.ResolveBy,
            ["Escalated"] = d.Escalated,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <returns>A page, or null when the continuation token is not one this list gave out.</returns>
    public async Task<DossierPage?> ListAsync(DossierStatus? status, string? partnerId, bool overdueOnly, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        if (status is { } s)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {s.ToString()}");
        }

        if (partnerId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"PartnerId eq {partnerId}");
        }

        if (overdueOnly)
        {
            filter += " and " + TableClient.CreateQueryFilter(
                $"((Status eq {nameof(DossierStatus.Forwarded)} and AcknowledgeBy lt {now}) or ((Status eq {nameof(DossierStatus.Forwarded)} or Status eq {nameof(DossierStatus.Acknowledged)} or Status eq {nameof(DossierStatus.InProgress)}) and ResolveBy lt {now}))");
        }

        if (continuationToken is not null)
        {
            if (NewestFirst.RowKeyOf(continuationToken) is not { } firstRow)
            {
                return null;
            }

            filter += " and " + TableClient.CreateQueryFilter($"RowKey ge {firstRow}");
        }

        // One row more than the page: its key starts the next page.
        var rows = new List<TableEntity>(pageSize + 1);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(pageSize + 1, 1000), cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count > pageSize)
            {
                break;
            }
        }

        var next = rows.Count > pageSize ? NewestFirst.Token(rows[pageSize].RowKey) : null;
        return new DossierPage([.. rows.Take(pageSize).Select(e => ToSummary(e, now))], next);
    }


    private static DossierSummary ToSummary(TableEntity e, DateTimeOffset now)
    {
        var status = Enum.Parse<DossierStatus>(e.GetString("Status"));
        var acknowledgeBy = e.GetDateTimeOffset("AcknowledgeBy");
        var resolveBy = e.GetDateTimeOffset("ResolveBy");
        var overdue = (status == DossierStatus.Forwarded && acknowledgeBy < now)
            || (status is DossierStatus.Forwarded or DossierStatus.Acknowledged or DossierStatus.InProgress && resolveBy < now);
        return new DossierSummary(e.GetString("DossierId"), status, e.GetString("Category"), e.GetString("PartnerId"), e.GetDateTimeOffset("CreatedAt")!.Value,
            acknowledgeBy, resolveBy, e.GetBoolean("Escalated") ?? false, overdue);
    }
}
