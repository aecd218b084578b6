using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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
    private const string MessageTypeProperty = "MessageType";

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

    /// <summary>Sends a message record as JSON, named in its MessageType property after the function that takes it.</summary>
    public static Task SendAsync<T>(this IMessageSender sender, string queueName, string messageId, T message, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        sender.SendAsync(queueName, new OutgoingMessage(messageId, new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, typeInfo)))
        {
            Properties = new Dictionary<string, string> { [MessageTypeProperty] = MessageType(typeof(T)) },
        }, cancellationToken);

    // ForwardDossierMessage → "ForwardDossier", the function (functions/ForwardDossier) that handles it.
    private static string MessageType(Type type) =>
        type.Name.EndsWith("Message", StringComparison.Ordinal) ? type.Name[..^"Message".Length] : type.Name;

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
