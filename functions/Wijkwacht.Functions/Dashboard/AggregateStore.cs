using Azure;
using Azure.Data.Tables;

namespace Wijkwacht.Dashboard;

/// <summary>One aggregate row's counts, by measure name.</summary>
internal sealed class Counts : Dictionary<string, long>
{
    public long Get(string measure) => TryGetValue(measure, out var value) ? value : 0;

    public void Add(Counts other)
    {
        foreach (var (measure, value) in other)
        {
            this[measure] = Get(measure) + value;
        }
    }

    public static Counts From(TableEntity e)
    {
        var counts = new Counts();
        foreach (var (key, value) in e)
        {
            if (value is int or long && key is not ("PartitionKey" or "RowKey"))
            {
                counts[key] = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return counts;
    }
}

/// <summary>
/// The aggregate rows: one partition per period (D2026-11-30, W2026-W49, M2026-11, Y2026, and C for "now"),
/// one row per (neighbourhood, category, partner) with "*" standing for all, so every filter combination is one
/// point read per period. A change is written to each partition in one batch together with a marker row named
/// after the change (entity and version): a redelivered change finds its marker and adds nothing, and a batch
/// that lost a race on a row's ETag is read again and retried.
/// </summary>
internal sealed class AggregateStore([FromKeyedServices(DashboardTables.Aggregates)] TableClient table)
{
    public const string All = "*";
    public const string Now = "C";
    private const int Attempts = 20;

    public static string RowKey(string neighbourhood, string category, string partner) =>
        $"a|{Key(neighbourhood)}|{Key(category)}|{Key(partner)}";

    /// <summary>The first and past-the-last row keys of every partner's row for one neighbourhood and category.</summary>
    public static (string From, string To) PartnerRows(string neighbourhood, string category) =>
        ($"a|{Key(neighbourhood)}|{Key(category)}|", $"a|{Key(neighbourhood)}|{Key(category)}}}");

    /// <summary>The rows a contribution counts in: itself and its roll-ups to "all" on each dimension.</summary>
    public static IEnumerable<string> RowsOf(Contribution c) =>
        from n in new[] { c.Neighbourhood, All }
        from k in new[] { c.Category, All }
        from p in c.Partner is null ? new[] { All } : new[] { c.Partner, All }
        select RowKey(n, k, p);

    public static IEnumerable<string> PartitionsOf(Contribution c) =>
        c.Day is { } day ? Period.Containing(day).Select(p => p.Key) : [Now];

    /// <summary>Adds a change's deltas, once: <paramref name="changeId"/> names the change for the markers.</summary>
    public async Task ApplyAsync(string changeId, IReadOnlyList<Contribution> deltas, CancellationToken cancellationToken)
    {
        var byPartition = new Dictionary<string, Dictionary<string, Counts>>();
        foreach (var delta in deltas)
        {
            foreach (var partition in PartitionsOf(delta))
            {
                var rows = byPartition.TryGetValue(partition, out var r) ? r : byPartition[partition] = [];
                foreach (var row in RowsOf(delta))
                {
                    var counts = rows.TryGetValue(row, out var c) ? c : rows[row] = [];
                    counts[delta.Measure] = counts.Get(delta.Measure) + delta.Amount;
                }
            }
        }

        await Task.WhenAll(byPartition.Select(p => ApplyToPartitionAsync(p.Key, $"m|{changeId}", p.Value, cancellationToken)));
    }

    public async Task<Counts> ReadAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? Counts.From(row.Value!) : [];
    }

    /// <summary>Rows of one partition in a row-key range, by row key.</summary>
    public async Task<Dictionary<string, Counts>> ReadRangeAsync(string partition, string fromRowKey, string toRowKey, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, Counts>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {fromRowKey} and RowKey lt {toRowKey}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows[row.RowKey] = Counts.From(row);
        }

        return rows;
    }

    private async Task ApplyToPartitionAsync(string partition, string marker, Dictionary<string, Counts> deltas, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and ("
            + string.Join(" or ", deltas.Keys.Append(marker).Select(rk => TableClient.CreateQueryFilter($"RowKey eq {rk}"))) + ")";
        for (var attempt = 1; ; attempt++)
        {
            var existing = new Dictionary<string, TableEntity>();
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                existing[row.RowKey] = row;
            }

            if (existing.ContainsKey(marker))
            {
                return; // this change was counted here already
            }

            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, new TableEntity(partition, marker)) };
            foreach (var (rowKey, delta) in deltas)
            {
                var entity = existing.TryGetValue(rowKey, out var found) ? found : new TableEntity(partition, rowKey);
                foreach (var (measure, amount) in delta)
                {
                    entity[measure] = (entity.TryGetValue(measure, out var value) && value is not null ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0) + amount;
                }

                actions.Add(found is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, found.ETag));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < Attempts)
            {
                // Another change wrote one of these rows (or this change's marker) first: read again.
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    private static string Key(string component) => component == All ? All : Contribution.Escape(component);
}
