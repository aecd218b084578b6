using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Wijkwacht.Messaging;

namespace Wijkwacht.Tests.Messaging;

/// <summary>
/// Messaging__Transport picks the adapter. With ServiceBus, the app sends through the Azure SDK to an AMQP broker
/// in the test process (<see cref="ServiceBusStandIn"/>); the tests deliver what it received to the handler as the
/// Functions host's serviceBusTrigger would.
/// </summary>
public sealed class MessagingTransportTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task WithServiceBusAsTransportANewObservationReachesTheForwardingQueueWithItsId()
    {
        var prefix = "sb" + Guid.NewGuid().ToString("N")[..8];
        await using var serviceBus = ServiceBusStandIn.Start($"{prefix}-forwarding", $"{prefix}-follow-up");
        await using var app = ServiceBusApp(serviceBus, prefix, ("LocalTriggerHost:Enabled", "false"));
        var id = Guid.NewGuid();

        var response = await app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", Requests.Observation(id));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.IsType<ServiceBusMessageSender>(app.Services.GetRequiredService<IMessageSender>());
        var sent = Assert.Single(serviceBus.In($"{prefix}-forwarding"));
        Assert.Equal($"forward-{id}", sent.MessageId);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal("ForwardDossier", sent.ApplicationProperties["MessageType"]);
        Assert.Null(sent.ScheduledEnqueueTime);
        Assert.Equal(id, JsonDocument.Parse(sent.Body).RootElement.GetProperty("observationId").GetGuid());

        // Delivered as the host's serviceBusTrigger would, the message opens the dossier.
        await DeliverAsync(app, "ForwardDossier", sent);
        Assert.NotNull(await app.ForwardedDossierOfAsync(id));
    }

    [Fact]
    public async Task AnObservationRecordedWhileServiceBusIsDownIsForwardedByItsFollowUpCheckOnceServiceBusIsBack()
    {
        var prefix = "sb" + Guid.NewGuid().ToString("N")[..8];
        await using var serviceBus = ServiceBusStandIn.Create($"{prefix}-forwarding", $"{prefix}-follow-up");
        await using var app = ServiceBusApp(serviceBus, prefix,
            ("FollowUp:ForwardingCheckDelay", "00:00:00"),
            ("FollowUpSweepSchedule", "*/1 * * * * *"));
        var id = Guid.NewGuid();

        var response = await app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", Requests.Observation(id));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        // The sweeps that come while Service Bus is down fail; the due check stays in the index.
        await Task.Delay(TimeSpan.FromSeconds(2));
        serviceBus.Open();

        var check = await Eventually.GetAsync(
            () => Task.FromResult(serviceBus.In($"{prefix}-follow-up").FirstOrDefault(m => m.MessageId!.Contains(id.ToString(), StringComparison.Ordinal))),
            "the forwarding check to reach the follow-up queue");
        Assert.Equal("FollowUpStep", check.ApplicationProperties["MessageType"]);
        var step = JsonDocument.Parse(check.Body).RootElement;
        Assert.Equal("forwarding-check", step.GetProperty("kind").GetString());
        Assert.Equal(id.ToString(), step.GetProperty("targetId").GetString());

        await DeliverAsync(app, "FollowUpStep", check);
        Assert.NotNull(await app.ForwardedDossierOfAsync(id));
    }

    private WijkwachtApp ServiceBusApp(ServiceBusStandIn serviceBus, string prefix, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "ServiceBus",
            ["ServiceBusConnection"] = serviceBus.ConnectionString,
            ["ForwardingQueue"] = $"{prefix}-forwarding",
            ["FollowUpQueue"] = $"{prefix}-follow-up",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new WijkwachtApp(azurite, settings: all);
    }

    /// <summary>Posts a received message to the handler as the Functions host does: its text, JSON-encoded again.</summary>
    private static async Task DeliverAsync(WijkwachtApp app, string function, ServiceBusStandIn.ReceivedMessage message)
    {
        var invocation = new
        {
            Data = new { message = JsonSerializer.Serialize(Encoding.UTF8.GetString(message.Body)) },
            Metadata = new { DeliveryCount = "1", MessageId = JsonSerializer.Serialize(message.MessageId) },
        };
        // The host's own names (Data, Metadata), not the API's camelCase.
        using var content = new StringContent(JsonSerializer.Serialize(invocation), Encoding.UTF8, "application/json");
        var response = await app.CreateClient().PostAsync($"/{function}", content);
        response.EnsureSuccessStatusCode();
    }
}
