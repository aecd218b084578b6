using Azure.Storage.Queues;

namespace Wijkwacht.Messaging;

/// <summary>Sends to Azure Storage queues (Azurite locally), where the local trigger host picks messages up.</summary>
internal sealed class StorageQueueSender(QueueServiceClient queues) : IMessageSender
{
    public async Task SendAsync(string queueName, OutgoingMessage message, CancellationToken cancellationToken)
    {
        await queues.GetQueueClient(queueName).SendMessageAsync(message.Body, cancellationToken: cancellationToken);
    }
}
