using Azure;
using Azure.Data.Tables;
using Wijkwacht.Storage;

namespace Wijkwacht.Dossiers;

/// <summary>
/// Dossiers per status for every combination of partner, category and neighbourhood (each one named or "any"):
/// eight counter rows per dossier in the "count" partition of the index table, changed on write. A change is
/// applied under an id that each counter row remembers for a while, so a writer that repeats a change after a
/// crash does not count it twice.
/// </summary>
internal sealed class DossierCounts([FromKeyedServices(Tables.DossierIndex)] TableClient table)
{
    private const string Partition = "count";
    private const string Any = "*";
    private const int Remembered = 200;
    private const int Attempts = 30;

    /// <summary>Counts per status for a filter on partner, category and neighbourhood (null: any).</summary>
    public async Task<Dictionary<string, int>> ForAsync(string? partner, string? category, string? neighbourhood, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(partner ?? Any, category ?? Any, neighbourhood ?? Any), cancellationToken: cancellationToken);
        return Enum.GetValues<DossierStatus>().ToDictionary(
            s => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(s.ToString()),
            s => row.HasValue ? row.Value!.GetInt32(s.ToString()) ?? 0 : 0);
    }

    /// <summary>Moves one dossier from one counted state to another (from null: a new dossier).</summary>
    public async Task ApplyAsync(string changeId, CountedState? from, CountedState to, CancellationToken cancellationToken)
    {
        var deltas = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        void Add(CountedState state, int delta)
        {
            foreach (var key in RowKeys(state))
            {
                var row = deltas.TryGetValue(key, out var d) ? d : deltas[key] = [];
                row[state.Status] = row.GetValueOrDefault(state.Status) + delta;
            }
        }

        if (from is not null)
        {
            Add(from, -1);
        }

        Add(to, +1);
        await Task.WhenAll(deltas.Select(d => ApplyToRowAsync(d.Key, changeId, d.Value, cancellationToken)));
    }

    private async Task ApplyToRowAsync(string rowKey, string changeId, Dictionary<string, int> delta, CancellationToken cancellationToken)
    {
        if (delta.Values.All(v => v == 0))
        {
            return;
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken);
            var row = existing.HasValue ? existing.Value! : new TableEntity(Partition, rowKey);
            var applied = (row.GetString("Applied") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (applied.Contains(changeId, StringComparer.Ordinal))
            {
                return;
            }

            foreach (var (status, change) in delta)
            {
                row[status] = (row.GetInt32(status) ?? 0) + change;
            }

            applied.Add(changeId);
            row["Applied"] = string.Join(' ', applied.TakeLast(Remembered));
            try
            {
                if (existing.HasValue)
                {
                    await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.AddEntityAsync(row, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                await Task.Delay(Random.Shared.Next(5, 40), cancellationToken); // someone else counted meanwhile
            }
        }

        throw new InvalidOperationException($"The dossier counts {rowKey} kept changing.");
    }

    private static IEnumerable<string> RowKeys(CountedState s)
    {
        foreach (var p in new[] { s.PartnerId, Any })
        {
            foreach (var c in new[] { s.Category, Any })
            {
                foreach (var n in new[] { s.Neighbourhood, Any })
                {
                    yield return RowKey(p, c, n);
                }
            }
        }
    }

    private static string RowKey(string partner, string category, string neighbourhood) => $"{partner}|{category}|{neighbourhood}";
}
