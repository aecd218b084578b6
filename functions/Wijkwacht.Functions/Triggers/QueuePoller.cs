using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Azure.Storage.Queues.Specialized;

namespace Wijkwacht.Triggers;

/// <summary>
/// Polls one queue for a queue or Service Bus trigger: backs off while the queue is empty, retries a failed
/// message after the visibility timeout, and moves it to "{queue}-poison" after the last allowed attempt.
/// </summary>
internal sealed class QueuePoller(
    FunctionDefinition function,
    QueueClient queue,
    FunctionInvoker invoker,
    TimeProvider time,
    ILogger logger,
    TimeSpan minPollingInterval,
    TimeSpan maxPollingInterval,
    TimeSpan retryDelay,
    int maxDequeueCount)
{
    private const int BatchSize = 16;
    private const int Parallelism = 4;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        var poison = queue.GetParentQueueServiceClient().GetQueueClient(queue.Name + "-poison");
        var wait = minPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(BatchSize, Lease, stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(wait, stoppingToken);
                    wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, maxPollingInterval.Ticks));
                    continue;
                }

                wait = minPollingInterval;
                await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                    (message, ct) => new ValueTask(ProcessAsync(message, poison, ct)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The queue itself failed (storage down): keep the host alive and try again later.
                logger.LogError(exception, "Polling {Queue} for {Function} failed.", queue.Name, function.Name);
                await Task.Delay(maxPollingInterval, stoppingToken);
            }
        }
    }

    private async Task ProcessAsync(QueueMessage message, QueueClient poison, CancellationToken cancellationToken)
    {
        bool succeeded;
        try
        {
            succeeded = await invoker.InvokeAsync(function.Name, Data(message), Metadata(message), cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Unreachable, or no answer within the client's timeout: a failed attempt like any other.
            logger.LogWarning(exception, "Invoking {Function} failed.", function.Name);
            succeeded = false;
        }

        if (succeeded)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            return;
        }

        if (message.DequeueCount >= maxDequeueCount)
        {
            await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            logger.LogError("Message {MessageId} failed {Attempts} times in {Function} and was moved to {PoisonQueue}.",
                message.MessageId, message.DequeueCount, function.Name, poison.Name);
            return;
        }

        logger.LogWarning("Message {MessageId} failed in {Function} (attempt {Attempt} of {Max}); retrying in {Delay}.",
            message.MessageId, function.Name, message.DequeueCount, maxDequeueCount, retryDelay);
        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: retryDelay, cancellationToken: cancellationToken);
    }

    // Strings reach a custom handler JSON-encoded twice, so the message text is encoded once here and once more
    // when the payload is written.
    private JsonObject Data(QueueMessage message) =>
        new() { [function.Trigger.Name] = Quoted(message.Body.ToString()) };

    private JsonObject Metadata(QueueMessage message)
    {
        var count = message.DequeueCount.ToString(CultureInfo.InvariantCulture);
        var inserted = message.InsertedOn ?? time.GetUtcNow();
        return function.Trigger.Type == "serviceBusTrigger"
            ? new JsonObject
            {
                ["DeliveryCount"] = count,
                ["MessageId"] = Quoted(message.MessageId),
                ["ContentType"] = Quoted("application/json"),
                ["EnqueuedTimeUtc"] = inserted.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                ["EnqueuedTime"] = Iso(inserted),
                ["ExpiresAt"] = Iso(message.ExpiresOn ?? inserted.AddDays(7)),
            }
            : new JsonObject
            {
                ["DequeueCount"] = count,
                ["Id"] = Quoted(message.MessageId),
                ["PopReceipt"] = Quoted(message.PopReceipt),
                ["InsertionTime"] = Iso(inserted),
                ["ExpirationTime"] = Iso(message.ExpiresOn ?? inserted.AddDays(7)),
                ["NextVisibleTime"] = Iso(message.NextVisibleOn ?? time.GetUtcNow()),
            };
    }

    private static string Quoted(string value) => JsonSerializer.Serialize(value, FunctionInvoker.HostJson);

    private static string Iso(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
