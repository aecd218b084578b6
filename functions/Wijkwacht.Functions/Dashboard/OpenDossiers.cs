using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Wijkwacht.Dossiers;
using Wijkwacht.Time;

namespace Wijkwacht.Dashboard;

internal sealed record OverdueCount(int Late, int VeryLate);

/// <summary>
/// Open dossiers keyed by the instant they fall late ("{ticks}|{id}"), so the dossiers overdue now are one
/// row-key range, whatever the number of open ones. "Late" is past the pending deadline; "very late" past three
/// times its service level in working days (Signalen's measure, on the Belgian calendar).
/// </summary>
internal sealed class OpenDossiers([FromKeyedServices(DashboardTables.OpenDossiers)] TableClient table, WorkingDays workingDays)
{
    private const string Partition = "open";

    /// <summary>The row key a dossier has in this index now, or null when it is closed.</summary>
    public static string? KeyOf(Dossier d) => d.IsOpen ? $"{Ticks(LateAt(d) ?? DateTimeOffset.MaxValue)}|{d.Id}" : null;

    /// <summary>Moves the dossier's row from its old key to its new one (either may be null); repeatable.</summary>
    public async Task MoveAsync(Dossier d, string? oldKey, string? newKey, CancellationToken cancellationToken)
    {
        if (newKey is not null)
        {
            await table.UpsertEntityAsync(new TableEntity(Partition, newKey)
            {
                ["DossierId"] = d.Id,
                ["Neighbourhood"] = d.NeighbourhoodId ?? Contributions.NoNeighbourhood,
                ["Category"] = d.Category,
                ["Partner"] = d.PartnerId,
                ["Status"] = d.Status.ToString(),
                ["CreatedAt"] = d.CreatedAt,
                ["VeryLateAt"] = VeryLateAt(d),
            }, TableUpdateMode.Replace, cancellationToken);
        }

        if (oldKey is not null && oldKey != newKey)
        {
            try
            {
                await table.DeleteEntityAsync(Partition, oldKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // deleted by an earlier attempt
            }
        }
    }

    /// <summary>The dossiers late now, and how many of those very late, narrowed by the filters given.</summary>
    public async Task<OverdueCount> CountOverdueAsync(DateTimeOffset now, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var query = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {Ticks(now)}");
        if (filter.Neighbourhood is { } n)
        {
            query += " and " + TableClient.CreateQueryFilter($"Neighbourhood eq {n}");
        }

        if (filter.Category is { } c)
        {
            query += " and " + TableClient.CreateQueryFilter($"Category eq {c}");
        }

        if (filter.Partner is { } p)
        {
            query += " and " + TableClient.CreateQueryFilter($"Partner eq {p}");
        }

        if (filter.Status is { } s)
        {
            query += " and " + TableClient.CreateQueryFilter($"Status eq {s.ToString()}");
        }

        int late = 0, veryLate = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(query, select: ["VeryLateAt"], cancellationToken: cancellationToken))
        {
            late++;
            veryLate += row.GetDateTimeOffset("VeryLateAt") < now ? 1 : 0;
        }

        return new OverdueCount(late, veryLate);
    }

    /// <summary>When the dossier falls late: its acknowledgement deadline while it awaits one, else its resolution deadline.</summary>
    public static DateTimeOffset? LateAt(Dossier d) => d.Status switch
    {
        DossierStatus.Forwarded => Min(d.AcknowledgeBy, d.ResolveBy),
        DossierStatus.Acknowledged or DossierStatus.InProgress => d.ResolveBy,
        _ => null,
    };

    private DateTimeOffset? VeryLateAt(Dossier d) => d.Status switch
    {
        DossierStatus.Forwarded => Min(Triple(d.ForwardedAt, d.AcknowledgeBy), Triple(d.ForwardedAt, d.ResolveBy)),
        DossierStatus.Acknowledged or DossierStatus.InProgress => Triple(d.ForwardedAt, d.ResolveBy),
        _ => null,
    };

    /// <summary>The deadline three times as far: the service level's working days, counted from the same start.</summary>
    private DateTimeOffset? Triple(DateTimeOffset? start, DateTimeOffset? deadline)
    {
        if (start is not { } s || deadline is not { } due)
        {
            return null;
        }

        var clockStarts = workingDays.AddWorkingDays(s, 0);
        var level = Math.Max(0, workingDays.WorkingDaysBetween(BrusselsTime.Day(clockStarts), BrusselsTime.Day(due)));
        return workingDays.AddWorkingDays(s, 3 * level);
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
