using Microsoft.Extensions.Configuration;
using Wijkwacht.Messaging;

namespace Wijkwacht.Tests.Messaging;

/// <summary>The ServiceBusConnection setting, in both forms the Functions host accepts for the trigger.</summary>
public sealed class ServiceBusConnectionTests
{
    [Fact]
    public async Task AConnectionStringWithAKeyIsUsedAsItIs()
    {
        const string connectionString = "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v";

        var connection = ServiceBusConnection.From(Configuration(("ServiceBusConnection", connectionString)));

        Assert.Equal(connectionString, connection.ConnectionString);
        await using var client = connection.CreateClient();
        Assert.Equal("contoso.servicebus.windows.net", client.FullyQualifiedNamespace);
    }

    [Fact]
    public async Task ANamespaceAloneIsReachedWithTheManagedIdentityItNames()
    {
        var connection = ServiceBusConnection.From(Configuration(
            ("ServiceBusConnection", ""),
            ("ServiceBusConnection:fullyQualifiedNamespace", "contoso.servicebus.windows.net"),
            ("ServiceBusConnection:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Null(connection.ConnectionString);
        Assert.Equal("00000000-0000-0000-0000-000000000001", connection.ClientId);
        await using var client = connection.CreateClient();
        Assert.Equal("contoso.servicebus.windows.net", client.FullyQualifiedNamespace);
    }

    [Fact]
    public void SendsGiveUpWithinSecondsInsteadOfTheSdksMinutes()
    {
        var retry = ServiceBusConnection.Retry;

        // Worst case: every try times out, with the waits between them.
        var worst = (retry.MaxRetries + 1) * retry.TryTimeout + retry.MaxRetries * retry.MaxDelay;
        Assert.True(worst <= TimeSpan.FromSeconds(35), $"A send could take {worst}.");
    }

    [Fact]
    public void WithoutEitherSettingTheConnectionIsRefused()
    {
        // As in local.settings.sample.json: both present, both empty.
        var configuration = Configuration(("ServiceBusConnection", ""), ("ServiceBusConnection:fullyQualifiedNamespace", ""));

        Assert.Throws<InvalidOperationException>(() => ServiceBusConnection.From(configuration));
        Assert.Throws<InvalidOperationException>(() => ServiceBusConnection.From(Configuration()));
    }

    [Fact]
    public void AConnectionStringWithoutAnEndpointIsRefused()
    {
        var configuration = Configuration(("ServiceBusConnection", "SharedAccessKeyName=k;SharedAccessKey=v"));

        var error = Assert.Throws<InvalidOperationException>(() => ServiceBusConnection.From(configuration));
        Assert.Contains("Endpoint", error.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
}
