using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Wijkwacht.Storage;

namespace Wijkwacht.Messaging;

internal enum MessagingTransport
{
    StorageQueue,
    ServiceBus,
}

internal static class MessagingSetup
{
    public static void AddMessaging(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<Queues>().Bind(builder.Configuration);
        var transport = builder.Configuration.GetValue("Messaging:Transport", MessagingTransport.StorageQueue);
        switch (transport)
        {
            case MessagingTransport.ServiceBus:
                services.AddServiceBusSender(builder.Configuration);
                break;
            default:
                services.AddSingleton<IMessageSender, StorageQueueSender>();
                services.AddSingleton<IStorageResource, StorageQueuesResource>();
                break;
        }
    }

    public static Task SendAsync<T>(this IMessageSender sender, string queueName, string messageId, T message, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        sender.SendAsync(queueName, new OutgoingMessage(messageId, new BinaryData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(message, typeInfo))), cancellationToken);

    private sealed class StorageQueuesResource(QueueServiceClient queueService, IOptions<Queues> queues) : IStorageResource
    {
        public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
        {
            foreach (var name in queues.Value.All)
            {
                await queueService.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
        }
    }
}
