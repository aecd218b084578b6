namespace Wijkwacht.Messaging;

/// <summary>
/// Sends one message to a work queue: Service Bus in Azure, an Azure Storage queue locally and in tests.
/// Messages carry ids, not documents; the data they point at lives in tables.
/// </summary>
internal interface IMessageSender
{
    /// <param name="queueName">The queue's real name, as the trigger binding resolves it.</param>
    /// <param name="message">The message; its id lets Service Bus drop a duplicate send.</param>
    Task SendAsync(string queueName, OutgoingMessage message, CancellationToken cancellationToken);
}

internal sealed record OutgoingMessage(string MessageId, BinaryData Body, string ContentType = "application/json")
{
    /// <summary>Service Bus application properties, for whoever inspects a queue or its dead letters; storage queues have none.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}
