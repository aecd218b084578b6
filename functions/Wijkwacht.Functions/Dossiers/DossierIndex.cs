using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Wijkwacht.Observations;
using Wijkwacht.Storage;

namespace Wijkwacht.Dossiers;

/// <summary>
/// The coordinator's list of dossiers, kept on write so that no request reads every dossier (docs/coordinator.md).
///
/// Every dossier has the same index row copied into a handful of partitions of the DossierIndex table, one per
/// way the list is narrowed or sorted:
/// <list type="bullet">
/// <item><c>all</c>, <c>s|{status}</c>, <c>p|{partner}</c>, <c>c|{category}</c>, <c>n|{neighbourhood}</c>,
/// <c>e</c> (escalated) and <c>w|{word}</c> (one per word of its reference, descriptions and addresses): newest
/// first (inverted creation ticks), so a period is a RowKey range;</item>
/// <item><c>o</c>: open dossiers, oldest first;</item>
/// <item><c>d</c>: open dossiers by their next deadline, so "overdue" is a RowKey range and "most overdue" its order.</item>
/// </list>
/// A query reads one partition (the narrowest its filters name, see <see cref="DossierListQueries"/>) and applies
/// the other filters to the row's own properties. The row also carries what the list, the map and the CSV show, so
/// a page is one partition query.
///
/// A dossier's <c>x|{id}</c> row remembers which keys it wrote and which state the counts hold, so a change moves
/// the dossier's rows (the old status partition loses it) and its counts (<see cref="DossierCounts"/>). The steps
/// repeat safely: the keys written are recorded before they are written, and the counts are changed under an id.
/// Whoever writes the index reads the dossier row itself, so two writers racing both leave the newest state.
/// </summary>
internal sealed class DossierIndex(
    [FromKeyedServices(Tables.DossierIndex)] TableClient table,
    [FromKeyedServices(Tables.Dossiers)] TableClient dossierTable,
    ObservationStore observations,
    DossierCounts counts)
{
    public const int MaxWords = 24;
    private const int Attempts = 8;

    /// <summary>Brings the dossier's index rows and counts up to date with its stored row.</summary>
    public Task UpsertAsync(Dossier d, CancellationToken cancellationToken) => RefreshAsync(d.Id, cancellationToken);

    public async Task RefreshAsync(string dossierId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await TryRefreshAsync(dossierId, cancellationToken))
            {
                return;
            }
        }

        throw new InvalidOperationException($"The index of dossier {dossierId} kept changing.");
    }

    private async Task<bool> TryRefreshAsync(string dossierId, CancellationToken cancellationToken)
    {
        var pointerResponse = await table.GetEntityIfExistsAsync<TableEntity>(PointerPartition(dossierId), "x", cancellationToken: cancellationToken);
        var pointer = pointerResponse.HasValue ? pointerResponse.Value! : null;
        var dossierRow = await dossierTable.GetEntityIfExistsAsync<TableEntity>(dossierId, "dossier", cancellationToken: cancellationToken);
        if (!dossierRow.HasValue)
        {
            return true;
        }

        var dossier = DossierStore.ToDossier(dossierRow.Value!);
        var facts = await FactsAsync(dossier, pointer, cancellationToken);
        var oldKeys = (pointer?.GetString("Keys") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var newKeys = Keys(dossier, facts).ToHashSet(StringComparer.Ordinal);

        // Counts: finish a change an earlier writer began, then count this one.
        var seq = pointer?.GetInt64("Seq") ?? 0;
        var counted = CountedState.Parse(pointer?.GetString("Counted"));
        if (CountedState.Parse(pointer?.GetString("Pending")) is { } pending)
        {
            await counts.ApplyAsync($"{dossierId}:{seq}", counted, pending, cancellationToken);
            counted = pending;
        }

        var now = CountedState.Of(dossier);
        var changed = now != counted;
        var record = new TableEntity(PointerPartition(dossierId), "x")
        {
            ["Keys"] = string.Join('\n', oldKeys.Union(newKeys).Order(StringComparer.Ordinal)),
            ["Seq"] = changed ? seq + 1 : seq,
            ["Counted"] = counted?.ToString(),
            ["Pending"] = changed ? now.ToString() : null,
            ["ObservationIds"] = facts.ObservationIds,
            ["Facts"] = facts.Serialize(),
        };
        if (await TryWritePointerAsync(record, pointer?.ETag, cancellationToken) is not { } etag)
        {
            return false;
        }

        var entry = Entry(dossier, facts);
        await Task.WhenAll(newKeys.Select(key => UpsertCopyAsync(entry, key, cancellationToken))
            .Concat(oldKeys.Except(newKeys).Select(key => DeleteAsync(key, cancellationToken))));
        if (changed)
        {
            await counts.ApplyAsync($"{dossierId}:{seq + 1}", counted, now, cancellationToken);
        }

        record["Keys"] = string.Join('\n', newKeys.Order(StringComparer.Ordinal));
        record["Counted"] = now.ToString();
        record["Pending"] = null;
        return await TryWritePointerAsync(record, etag, cancellationToken) is not null;
    }

    private async Task<ETag?> TryWritePointerAsync(TableEntity record, ETag? etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = etag is { } e
                ? await table.UpdateEntityAsync(record, e, TableUpdateMode.Replace, cancellationToken)
                : await table.AddEntityAsync(record, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>What the index takes from the dossier's observations; read again only when they change.</summary>
    private async Task<DossierFacts> FactsAsync(Dossier dossier, TableEntity? pointer, CancellationToken cancellationToken)
    {
        var ids = string.Join(',', dossier.ObservationIds);
        if (pointer?.GetString("ObservationIds") == ids && DossierFacts.Parse(ids, pointer.GetString("Facts")) is { } kept)
        {
            return kept;
        }

        var found = new List<Observation>();
        foreach (var id in dossier.ObservationIds)
        {
            if ((await observations.GetAsync(id, cancellationToken))?.Observation is { } o)
            {
                found.Add(o);
            }
        }

        return DossierFacts.From(dossier, ids, found);
    }

    private static IEnumerable<string> Keys(Dossier d, DossierFacts facts)
    {
        var newest = NewestFirst.RowKey(d.CreatedAt, d.Id);
        yield return Key("all", newest);
        yield return Key($"s|{d.Status}", newest);
        yield return Key($"p|{d.PartnerId}", newest);
        yield return Key($"c|{d.Category}", newest);
        yield return Key($"n|{d.NeighbourhoodId ?? "-"}", newest);
        if (d.Escalated)
        {
            yield return Key("e", newest);
        }

        foreach (var word in facts.Words)
        {
            yield return Key($"w|{word}", newest);
        }

        if (d.IsOpen)
        {
            yield return Key("o", OldestFirstRowKey(d.CreatedAt, d.Id));
            if (DueAt(d) is { } due)
            {
                yield return Key("d", OldestFirstRowKey(due, d.Id));
            }
        }
    }

    /// <summary>The next promise the partner has to keep: acknowledging, then resolving.</summary>
    public static DateTimeOffset? DueAt(Dossier d) => d.Status switch
    {
        DossierStatus.Forwarded => d.AcknowledgeBy,
        DossierStatus.Acknowledged or DossierStatus.InProgress => d.ResolveBy,
        _ => null,
    };

    public static string OldestFirstRowKey(DateTimeOffset at, string id) =>
        $"{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{id}";

    private static string Key(string partition, string row) => $"{partition}\t{row}";

    private static string PointerPartition(string dossierId) => $"x|{dossierId}";

    private static TableEntity Entry(Dossier d, DossierFacts facts)
    {
        var reminders = Enumerable.Range(1, d.AcknowledgementFollowUps).Count(s => !FollowUpPlan.IsEscalation(s))
            + Enumerable.Range(1, d.ResolutionFollowUps).Count(s => !FollowUpPlan.IsEscalation(s));
        return new TableEntity
        {
            ["DossierId"] = d.Id,
            ["Reference"] = DossierFacts.ReferenceOf(d.Id),
            ["Status"] = d.Status.ToString(),
            ["Category"] = d.Category,
            ["Subcategory"] = facts.Subcategory,
            ["NeighbourhoodId"] = d.NeighbourhoodId,
            ["PartnerId"] = d.PartnerId,
            ["CreatedAt"] = d.CreatedAt,
            ["RecordedAt"] = facts.RecordedAt,
            ["ForwardedAt"] = d.ForwardedAt,
            ["AcknowledgedAt"] = d.AcknowledgedAt,
            ["ClosedAt"] = d.ClosedAt,
            ["AcknowledgeBy"] = d.AcknowledgeBy,
            ["ResolveBy"] = d.ResolveBy,
            ["DueAt"] = DueAt(d),
            ["Escalated"] = d.Escalated,
            ["RemindersSent"] = reminders,
            ["Latitude"] = facts.Latitude,
            ["Longitude"] = facts.Longitude,
            ["Address"] = facts.Address,
            ["Summary"] = facts.Summary,
            ["Words"] = " " + string.Join(' ', facts.Words) + " ",
            ["Observations"] = d.ObservationIds.Count,
        };
    }

    private async Task UpsertCopyAsync(TableEntity entry, string key, CancellationToken cancellationToken)
    {
        var (partition, row) = Split(key);
        var copy = new TableEntity(entry) { PartitionKey = partition, RowKey = row };
        await table.UpsertEntityAsync(copy, TableUpdateMode.Replace, cancellationToken);
    }

    private async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var (partition, row) = Split(key);
        try
        {
            await table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // gone already: an earlier attempt deleted it
        }
    }

    private static (string Partition, string Row) Split(string key) => key.Split('\t') is [var p, var r] ? (p, r) : throw new FormatException(key);
}
