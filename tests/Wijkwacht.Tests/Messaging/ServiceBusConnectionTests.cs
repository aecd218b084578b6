using Microsoft.Extensions.Configuration;
using Wijkwacht.Messaging;

namespace Wijkwacht.Tests.Messaging;

/// <summary>The ServiceBusConnection setting, in both forms the Functions host accepts for the trigger.</summary>
public sealed class ServiceBusConnectionTests
{
    [Fact]
    public void AConnectionStringWithAKeyIsReachedOverHttpsWithThatKey()
    {
        var connection = ServiceBusConnection.From(Configuration(("ServiceBusConnection",
            "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v")));

        Assert.Equal(new Uri("https://contoso.servicebus.windows.net/"), connection.Endpoint);
        Assert.Equal("k", connection.SharedAccessKeyName);
        Assert.Equal("v", connection.SharedAccessKey);
        Assert.Null(connection.Credential);
    }

    [Fact]
    public void ANamespaceAloneIsReachedOverHttpsWithAnEntraCredential()
    {
        var connection = ServiceBusConnection.From(Configuration(
            ("ServiceBusConnection", ""),
            ("ServiceBusConnection:fullyQualifiedNamespace", "contoso.servicebus.windows.net")));

        Assert.Equal(new Uri("https://contoso.servicebus.windows.net/"), connection.Endpoint);
        Assert.Null(connection.SharedAccessKey);
        Assert.NotNull(connection.Credential);
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
