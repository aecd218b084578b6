using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Wijkwacht.Tests.Infrastructure;

/// <summary>Everything an app under test has stored, to show that a run of requests wrote nothing.</summary>
public static class Snapshots
{
    /// <summary>Every row of the app's tables, every blob of its containers and the size of its queues, as one comparable text.</summary>
    public static async Task<string> TakeAsync(WijkwachtApp app)
    {
        var lines = new List<string>();
        var tables = new TableServiceClient(app.StorageConnectionString);
        await foreach (var table in tables.QueryAsync(t => t.Name.CompareTo(app.Prefix) >= 0 && t.Name.CompareTo(app.Prefix + "~") < 0))
        {
            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                lines.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey}/{row.ETag}");
            }
        }

        var blobs = new BlobServiceClient(app.StorageConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: app.Prefix))
        {
            await foreach (var blob in blobs.GetBlobContainerClient(container.Name).GetBlobsAsync())
            {
                lines.Add($"{container.Name}/{blob.Name}/{blob.Properties.ETag}");
            }
        }

        // A request that enqueued work would show here even before the work itself wrote anything.
        lines.AddRange((await QueuedMessagesAsync(app)).Select(q => $"{q.Queue}: {q.Count} messages"));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    /// <summary>The approximate message count of every queue of the app, invisible (in-flight) messages included.</summary>
    public static async Task<List<(string Queue, int Count)>> QueuedMessagesAsync(WijkwachtApp app)
    {
        var counts = new List<(string, int)>();
        var queues = new QueueServiceClient(app.StorageConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: app.Prefix))
        {
            counts.Add((queue.Name, (await queues.GetQueueClient(queue.Name).GetPropertiesAsync()).Value.ApproximateMessagesCount));
        }

        return counts;
    }
}
