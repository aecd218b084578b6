using Microsoft.Extensions.DependencyInjection;
using Wijkwacht.Messaging;

namespace Wijkwacht.Tests.Messaging;

/// <summary>Messaging__Transport picks the adapter: with ServiceBus, a new observation is sent over Service Bus REST.</summary>
public sealed class MessagingTransportTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task WithServiceBusAsTransportANewObservationIsQueuedOverServiceBusRest()
    {
        await using var serviceBus = await RecordingListener.StartAsync();
        await using var app = new WijkwachtApp(azurite, settings: new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "ServiceBus",
            ["ServiceBusConnection"] = $"Endpoint={serviceBus.BaseAddress};SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=local-test-key",
            ["LocalTriggerHost:Enabled"] = "false",
        });
        var id = Guid.NewGuid();

        var response = await app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", Requests.Observation(id));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.IsType<ServiceBusRestSender>(app.Services.GetRequiredService<IMessageSender>());
        var sent = Assert.Single(serviceBus.Requests);
        Assert.Equal($"/{app.Setting("ForwardingQueue")}/messages?timeout=60", sent.PathAndQuery);
        Assert.Equal($"forward-{id}", JsonDocument.Parse(sent.Headers["BrokerProperties"]).RootElement.GetProperty("MessageId").GetString());
        Assert.StartsWith("SharedAccessSignature sr=", sent.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal(id, JsonDocument.Parse(sent.Body).RootElement.GetProperty("observationId").GetGuid());
    }
}
