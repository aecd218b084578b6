using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;

namespace Wijkwacht.Messaging;

/// <summary>
/// Sends to Service Bus queues over AMQP with the Azure SDK. The MessageId lets a queue with duplicate detection
/// drop a repeated send. Receiving is the Functions host's: its serviceBusTrigger posts each message to the handler.
/// </summary>
internal sealed class ServiceBusMessageSender(ServiceBusClient client) : IMessageSender
{
    // One sender per queue for the life of the app; a sender opens its AMQP link on first use and keeps it.
    private readonly ConcurrentDictionary<string, Lazy<ServiceBusSender>> _senders = new(StringComparer.Ordinal);

    public Task SendAsync(string queueName, OutgoingMessage message, CancellationToken cancellationToken) =>
        _senders.GetOrAdd(queueName, name => new(() => client.CreateSender(name))).Value
            .SendMessageAsync(ToServiceBus(message), cancellationToken);

    private static ServiceBusMessage ToServiceBus(OutgoingMessage message)
    {
        var serviceBusMessage = new ServiceBusMessage(message.Body)
        {
            MessageId = message.MessageId,
            ContentType = message.ContentType,
        };
        foreach (var (name, value) in message.Properties)
        {
            serviceBusMessage.ApplicationProperties[name] = value;
        }

        return serviceBusMessage;
    }
}

internal static class ServiceBusSetup
{
    public static void AddServiceBusSender(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = ServiceBusConnection.From(configuration);
        services.AddSingleton(connection);
        // Created once; the container disposes it (closing its connection and links) when the app stops.
        services.AddSingleton(_ => connection.CreateClient());
        services.AddSingleton<IMessageSender, ServiceBusMessageSender>();
    }
}
