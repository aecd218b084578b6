using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;

namespace Wijkwacht.Messaging;

/// <summary>
/// Sends to Azure Service Bus through its REST API (POST {namespace}/{queue}/messages), as the AMQP client
/// library cannot be installed here. BrokerProperties carries the MessageId, so a queue with duplicate detection
/// drops a repeated send.
/// </summary>
internal sealed class ServiceBusRestSender(HttpClient http, ServiceBusConnection connection, TimeProvider time) : IMessageSender
{
    private const int Attempts = 4;
    private static readonly TimeSpan SasLifetime = TimeSpan.FromHours(1);
    private static readonly string[] Scopes = ["https://servicebus.azure.net/.default"];

    public async Task SendAsync(string queueName, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var entity = new Uri(connection.Endpoint, Uri.EscapeDataString(queueName));
        var brokerProperties = JsonSerializer.Serialize(new Dictionary<string, string> { ["MessageId"] = message.MessageId });
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(entity + "/messages?timeout=60"));
            request.Content = new ByteArrayContent(message.Body.ToArray());
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(message.ContentType);
            request.Headers.TryAddWithoutValidation("BrokerProperties", brokerProperties);
            request.Headers.TryAddWithoutValidation("Authorization", await AuthorizationAsync(entity, cancellationToken));

            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                return;
            }

            if (!IsTransient(response.StatusCode) || attempt == Attempts)
            {
                throw new HttpRequestException($"Service Bus refused the message for {queueName}: {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt)), time, cancellationToken);
        }
    }

    private async Task<string> AuthorizationAsync(Uri entity, CancellationToken cancellationToken)
    {
        if (connection.SharedAccessKeyName is { } keyName && connection.SharedAccessKey is { } key)
        {
            return ServiceBusSas.CreateToken(entity.ToString(), keyName, key, time.GetUtcNow() + SasLifetime);
        }

        var token = await connection.Credential!.GetTokenAsync(new TokenRequestContext(Scopes), cancellationToken);
        return "Bearer " + token.Token;
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}

/// <summary>Shared access signatures as Service Bus documents them: HMAC-SHA256 over "{url-encoded resource}\n{expiry}".</summary>
internal static class ServiceBusSas
{
    public static string CreateToken(string resourceUri, string keyName, string key, DateTimeOffset expiresAt)
    {
        var encodedResource = Uri.EscapeDataString(resourceUri);
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry)));
        return $"SharedAccessSignature sr={encodedResource}&sig={Uri.EscapeDataString(signature)}&se={expiry}&skn={keyName}";
    }
}

/// <summary>
/// The ServiceBusConnection setting: a connection string with a shared access key, or (in Azure) the namespace
/// in ServiceBusConnection__fullyQualifiedNamespace, reached with a Microsoft Entra token.
/// </summary>
internal sealed record ServiceBusConnection(Uri Endpoint, string? SharedAccessKeyName, string? SharedAccessKey, TokenCredential? Credential)
{
    public const string Setting = "ServiceBusConnection";

    public static ServiceBusConnection From(IConfiguration configuration)
    {
        var connectionString = configuration[Setting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            if (!parts.TryGetValue("Endpoint", out var endpoint))
            {
                throw new InvalidOperationException($"{Setting} has no Endpoint.");
            }

            var keyName = parts.GetValueOrDefault("SharedAccessKeyName");
            var key = parts.GetValueOrDefault("SharedAccessKey");
            return new ServiceBusConnection(HttpsEndpoint(endpoint), keyName, key,
                keyName is null || key is null ? new DefaultAzureCredential() : null);
        }

        var fullyQualifiedNamespace = configuration[$"{Setting}:fullyQualifiedNamespace"];
        if (string.IsNullOrWhiteSpace(fullyQualifiedNamespace))
        {
            throw new InvalidOperationException($"Messaging:Transport is ServiceBus: set {Setting} or {Setting}__fullyQualifiedNamespace.");
        }

        var clientId = configuration[$"{Setting}:clientId"];
        return new ServiceBusConnection(HttpsEndpoint(fullyQualifiedNamespace), null, null,
            new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId }));
    }

    // "sb://ns.servicebus.windows.net/" and "ns.servicebus.windows.net" become https://ns.servicebus.windows.net/;
    // an explicit http(s) endpoint is kept (a local test listener).
    private static Uri HttpsEndpoint(string endpoint)
    {
        var withScheme = endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : "sb://" + endpoint;
        var uri = new UriBuilder(withScheme);
        if (uri.Scheme == "sb")
        {
            uri.Scheme = "https";
            uri.Port = -1;
        }

        if (!uri.Path.EndsWith('/'))
        {
            uri.Path += "/";
        }

        return uri.Uri;
    }
}

internal static class ServiceBusSetup
{
    public static void AddServiceBusSender(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(ServiceBusConnection.From(configuration));
        services.AddHttpClient<IMessageSender, ServiceBusRestSender>();
    }
}
