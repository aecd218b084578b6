using System.Diagnostics;
using Azure.Data.Tables;
using Wijkwacht.Dossiers;
using Wijkwacht.Storage;

namespace Wijkwacht.Dashboard;

/// <summary>What a rebuild did, and how fast: the rate tells an operator how long the next one will take.</summary>
public sealed record RebuildReport(int Observations, int Dossiers, int AggregateRows, double Seconds, double SourceRowsPerSecond);

/// <summary>
/// Recomputes the dashboard tables from the source rows (observations and dossiers): empties them, sums every
/// entity's contributions in memory, and writes the aggregate rows, fact rows and open-dossier rows in batches.
/// For a repair or after a change of the counting rules; writes that arrive during a rebuild may be counted
/// twice or not at all, so run it in a quiet moment (it states its rate so the moment can be chosen).
/// </summary>
internal sealed class AggregateRebuild(
    [FromKeyedServices(Tables.Observations)] TableClient observations,
    [FromKeyedServices(Tables.Dossiers)] TableClient dossiers,
    [FromKeyedServices(DashboardTables.Aggregates)] TableClient aggregates,
    [FromKeyedServices(DashboardTables.Facts)] TableClient facts,
    [FromKeyedServices(DashboardTables.OpenDossiers)] TableClient openTable,
    OpenDossiers open,
    Contributions rules)
{
    public async Task<RebuildReport> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var table in new[] { aggregates, facts, openTable })
        {
            await EmptyAsync(table, cancellationToken);
        }

        var sums = new Dictionary<(string Partition, string Row), Counts>();
        var factRows = new List<TableEntity>();
        var observationCount = 0;
        await foreach (var row in observations.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"RowKey eq {"observation"}"), select: ["PartitionKey", "RowKey", "ObservedAt", "NeighbourhoodId", "Category"], cancellationToken: cancellationToken))
        {
            var contributions = Contributions.OfObservation(row.GetDateTimeOffset("ObservedAt")!.Value, row.GetString("NeighbourhoodId"), row.GetString("Category"));
            Add(sums, contributions);
            factRows.Add(Fact(DashboardFeed.ObservationKey(Guid.Parse(row.PartitionKey)), contributions, null));
            observationCount++;
        }

        var dossierCount = 0;
        await foreach (var row in dossiers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {"dossier"}"), cancellationToken: cancellationToken))
        {
            var dossier = DossierStore.ToDossier(row);
            var contributions = rules.Of(dossier);
            Add(sums, contributions);
            var openKey = OpenDossiers.KeyOf(dossier);
            factRows.Add(Fact(DashboardFeed.DossierKey(dossier.Id), contributions, openKey));
            await open.MoveAsync(dossier, null, openKey, cancellationToken);
            dossierCount++;
        }

        var aggregateRows = sums.Select(s => Entity(s.Key.Partition, s.Key.Row, s.Value)).ToList();
        await WriteAsync(aggregates, aggregateRows, cancellationToken);
        await WriteAsync(facts, factRows, cancellationToken);

        var seconds = clock.Elapsed.TotalSeconds;
        return new RebuildReport(observationCount, dossierCount, aggregateRows.Count, Math.Round(seconds, 3),
            Math.Round((observationCount + dossierCount) / Math.Max(seconds, 0.001), 1));
    }

    private static void Add(Dictionary<(string, string), Counts> sums, IEnumerable<Contribution> contributions)
    {
        foreach (var c in contributions)
        {
            foreach (var partition in AggregateStore.PartitionsOf(c))
            {
                foreach (var row in AggregateStore.RowsOf(c))
                {
                    var counts = sums.TryGetValue((partition, row), out var found) ? found : sums[(partition, row)] = [];
                    counts[c.Measure] = counts.Get(c.Measure) + c.Amount;
                }
            }
        }
    }

    private static TableEntity Fact(string entity, IEnumerable<Contribution> contributions, string? openKey) => new(entity, "fact")
    {
        ["Version"] = 1,
        ["Previous"] = "",
        ["Current"] = DashboardFeed.Encode(contributions),
        ["Applied"] = true,
        ["OpenKey"] = openKey,
    };

    private static TableEntity Entity(string partition, string row, Counts counts)
    {
        var entity = new TableEntity(partition, row);
        foreach (var (measure, value) in counts)
        {
            entity[measure] = value;
        }

        return entity;
    }

    private static async Task WriteAsync(TableClient table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
            }
        }
    }

    private static async Task EmptyAsync(TableClient table, CancellationToken cancellationToken)
    {
        var keys = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row);
        }

        foreach (var partition in keys.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, Azure.ETag.All)), cancellationToken);
            }
        }
    }
}
