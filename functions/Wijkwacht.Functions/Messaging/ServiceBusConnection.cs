using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace Wijkwacht.Messaging;

/// <summary>
/// The ServiceBusConnection setting, in the two forms the Functions host's serviceBusTrigger accepts too: a
/// connection string (a shared access key; with UseDevelopmentEmulator=true, plain AMQP to a local broker), or
/// in Azure the namespace in ServiceBusConnection__fullyQualifiedNamespace, reached with the managed identity
/// (ServiceBusConnection__clientId picks the user-assigned one).
/// </summary>
internal sealed record ServiceBusConnection(string? ConnectionString, string? FullyQualifiedNamespace, string? ClientId)
{
    public const string Setting = "ServiceBusConnection";

    // The SDK's default is three tries of up to a minute each. Senders run inside a request or a timer sweep,
    // and both have a safety net for a send that fails (the armed follow-up check, the next sweep), so a
    // short budget answers the user in seconds instead of holding the request for minutes.
    public static readonly ServiceBusRetryOptions Retry = new()
    {
        Mode = ServiceBusRetryMode.Exponential,
        MaxRetries = 2,
        Delay = TimeSpan.FromMilliseconds(200),
        MaxDelay = TimeSpan.FromSeconds(2),
        TryTimeout = TimeSpan.FromSeconds(10),
    };

    public static ServiceBusConnection From(IConfiguration configuration)
    {
        var connectionString = configuration[Setting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var endpoint = TryParse(connectionString)?.Endpoint;
            if (endpoint is null)
            {
                throw new InvalidOperationException($"{Setting} is not a Service Bus connection string with an Endpoint.");
            }

            return new ServiceBusConnection(connectionString, endpoint.Host, null);
        }

        var fullyQualifiedNamespace = configuration[$"{Setting}:fullyQualifiedNamespace"];
        if (string.IsNullOrWhiteSpace(fullyQualifiedNamespace))
        {
            throw new InvalidOperationException($"Messaging:Transport is ServiceBus: set {Setting} or {Setting}__fullyQualifiedNamespace.");
        }

        var clientId = configuration[$"{Setting}:clientId"];
        return new ServiceBusConnection(null, fullyQualifiedNamespace, string.IsNullOrWhiteSpace(clientId) ? null : clientId);
    }

    /// <summary>The one client of the app: it holds the AMQP connection its senders share.</summary>
    public ServiceBusClient CreateClient() => CreateClient(new ServiceBusClientOptions { RetryOptions = Retry }, credential: null);

    /// <param name="credential">For a namespace: the managed identity (DefaultAzureCredential) unless given.</param>
    internal ServiceBusClient CreateClient(ServiceBusClientOptions options, TokenCredential? credential) =>
        ConnectionString is not null
            ? new ServiceBusClient(ConnectionString, options)
            : new ServiceBusClient(FullyQualifiedNamespace, credential ?? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ClientId }), options);

    private static ServiceBusConnectionStringProperties? TryParse(string connectionString)
    {
        try
        {
            return ServiceBusConnectionStringProperties.Parse(connectionString);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
