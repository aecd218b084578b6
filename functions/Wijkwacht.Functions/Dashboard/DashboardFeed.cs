using Azure;
using Azure.Data.Tables;
using Wijkwacht.Dossiers;
using Wijkwacht.Observations;

namespace Wijkwacht.Dashboard;

/// <summary>
/// Keeps the aggregates in step with observations and dossiers, idempotently. Per entity a fact row holds what
/// it currently adds to the aggregates (its contributions) and a version. A change writes the new contributions
/// and the previous ones as version v+1, marked pending (ETag-guarded: one writer per version), then adds the
/// difference to the aggregates under the change id "{entity}|{v+1}" (each partition's batch carries that
/// id as a marker, so it is added once), then marks the version applied. Every step is repeatable: a call that
/// finds a pending version finishes it first, and a call whose state is already counted changes nothing — so a
/// redelivered message, a retried request or a crash mid-way never counts twice or loses a count.
/// </summary>
internal sealed class DashboardFeed(
    [FromKeyedServices(DashboardTables.Facts)] TableClient facts,
    AggregateStore aggregates,
    OpenDossiers open,
    Contributions rules) : IObservationChangeListener, IDossierChangeListener
{
    private const string Row = "fact";
    private const int Attempts = 20;

    public Task ObservationStoredAsync(Observation observation, CancellationToken cancellationToken) =>
        RecordAsync(ObservationKey(observation.Id), Contributions.Of(observation), null, cancellationToken);

    public Task DossierStoredAsync(Dossier dossier, CancellationToken cancellationToken) =>
        RecordAsync(DossierKey(dossier.Id), rules.Of(dossier), dossier, cancellationToken);

    public static string ObservationKey(Guid id) => $"o-{id}";

    public static string DossierKey(string id) => $"d-{id}";

    private async Task RecordAsync(string entity, IReadOnlyList<Contribution> now, Dossier? dossier, CancellationToken cancellationToken)
    {
        var encoded = Encode(now);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var fact = await facts.GetEntityIfExistsAsync<TableEntity>(entity, Row, cancellationToken: cancellationToken);
            var row = fact.HasValue ? fact.Value! : null;
            if (row is not null && row.GetBoolean("Applied") != true)
            {
                await ApplyAsync(row, cancellationToken); // finish what an earlier attempt started
                continue;
            }

            if (row is null || row.GetString("Current") != encoded)
            {
                var version = (row?.GetInt32("Version") ?? 0) + 1;
                var next = new TableEntity(entity, Row)
                {
                    ["Version"] = version,
                    ["Previous"] = row?.GetString("Current") ?? "",
                    ["Current"] = encoded,
                    ["Applied"] = false,
                    ["OpenKey"] = row?.GetString("OpenKey"),
                };
                // Applied on the next pass, from what is stored; if another writer moved the fact on meanwhile,
                // that pass reads its version instead.
                await TryWriteAsync(next, row?.ETag, cancellationToken);
                continue;
            }

            if (dossier is not null && row.GetString("OpenKey") != OpenDossiers.KeyOf(dossier))
            {
                await open.MoveAsync(dossier, row.GetString("OpenKey"), OpenDossiers.KeyOf(dossier), cancellationToken);
                row["OpenKey"] = OpenDossiers.KeyOf(dossier);
                if (!await TryWriteAsync(row, row.ETag, cancellationToken))
                {
                    continue;
                }
            }

            return;
        }

        throw new InvalidOperationException($"The dashboard figures of {entity} kept changing; the next write of it will bring them up to date.");
    }

    private async Task ApplyAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var deltas = Difference(Decode(row.GetString("Previous")), Decode(row.GetString("Current")));
        await aggregates.ApplyAsync($"{row.PartitionKey}|{row.GetInt32("Version")}", deltas, cancellationToken);
        row["Applied"] = true;
        await TryWriteAsync(row, row.ETag, cancellationToken);
    }

    private async Task<bool> TryWriteAsync(TableEntity row, ETag? ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            if (ifMatch is { } etag)
            {
                await facts.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await facts.AddEntityAsync(row, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>What moves from the previous contributions to the current ones; zero changes left out.</summary>
    public static IReadOnlyList<Contribution> Difference(IEnumerable<Contribution> previous, IEnumerable<Contribution> current) =>
        [.. previous.Select(c => c with { Amount = -c.Amount }).Concat(current)
            .GroupBy(c => c with { Amount = 0 })
            .Select(g => g.Key with { Amount = g.Sum(c => c.Amount) })
            .Where(c => c.Amount != 0)];

    public static string Encode(IEnumerable<Contribution> contributions) =>
        string.Join('\n', contributions.Select(c => c.Encode()).Order(StringComparer.Ordinal));

    private static IEnumerable<Contribution> Decode(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\n').Select(Contribution.Decode);
}
