using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Wijkwacht.Storage;

namespace Wijkwacht.Scheduling;

internal sealed class SchedulingOptions
{
    /// <summary>
    /// How long after a message is sent its safety-net step falls due (the forwarding check, a webhook's first
    /// attempt): should the message be lost, the step does the work instead.
    /// </summary>
    public TimeSpan ForwardingCheckDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most due steps one sweep dispatches; the rest wait for the next sweep.</summary>
    public int SweepBatchSize { get; set; } = 500;
}

internal sealed record DueStep(string PartitionKey, string RowKey, ETag ETag, string Kind, string TargetId, int Step, DateTimeOffset DueAt);

/// <summary>
/// The due-time index of pending steps (each feature names its own kinds): partitioned by due hour (UTC), row keys starting with the due
/// time in ticks, so "everything due by now" is a range query. A row lives until its step is dispatched, so
/// steps that fell due while the app was down are still there for the next sweep.
/// </summary>
internal sealed class FollowUpSchedule([FromKeyedServices(Tables.FollowUpDue)] TableClient table)
{
    /// <summary>Arms a step. Arming the same step for the same time again changes nothing.</summary>
    public async Task ArmAsync(string kind, string targetId, int step, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(HourOf(dueAt), $"{Ticks(dueAt)}-{kind}-{step}-{targetId}")
        {
            ["Kind"] = kind,
            ["TargetId"] = targetId,
            ["Step"] = step,
            ["DueAt"] = dueAt.ToUniversalTime(),
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async IAsyncEnumerable<DueStep> DueAsync(DateTimeOffset now, int max, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var hour = HourOf(now);
        var firstNotDue = Ticks(now.AddTicks(1));
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {hour} or (PartitionKey eq {hour} and RowKey lt {firstNotDue})");
        var count = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            yield return new DueStep(e.PartitionKey, e.RowKey, e.ETag, e.GetString("Kind"), e.GetString("TargetId"), e.GetInt32("Step") ?? 1, e.GetDateTimeOffset("DueAt")!.Value);
            if (++count >= max)
            {
                yield break;
            }
        }
    }

    public async Task RemoveAsync(DueStep step, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(step.PartitionKey, step.RowKey, step.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Already dispatched by an overlapping sweep, or re-armed meanwhile: either way not ours to delete.
        }
    }

    private static string HourOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
