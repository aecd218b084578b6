using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Wijkwacht.Messaging;

namespace Wijkwacht.Tests.Messaging;

/// <summary>Messaging__Transport picks the adapter: with ServiceBus, a new observation is sent over Service Bus REST.</summary>
public sealed class MessagingTransportTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, string BrokerProperties, string Authorization, string Body)> _received = new();
    private WebApplication _serviceBus = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _serviceBus = builder.Build();
        _serviceBus.MapPost("/{queue}/messages", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            _received.Enqueue((request.Path, request.Headers["BrokerProperties"].ToString(), request.Headers.Authorization.ToString(), await reader.ReadToEndAsync()));
            return Results.StatusCode(StatusCodes.Status201Created);
        });
        await _serviceBus.StartAsync();
    }

    public async ValueTask DisposeAsync() => await _serviceBus.DisposeAsync();

    [Fact]
    public async Task WithServiceBusAsTransportANewObservationIsQueuedOverServiceBusRest()
    {
        await using var app = new WijkwachtApp(azurite, settings: new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "ServiceBus",
            ["ServiceBusConnection"] = $"Endpoint={_serviceBus.Urls.Single()}/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=local-test-key",
            ["LocalTriggerHost:Enabled"] = "false",
        });
        var id = Guid.NewGuid();

        var response = await app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", Requests.Observation(id));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.IsType<ServiceBusRestSender>(app.Services.GetRequiredService<IMessageSender>());
        var sent = Assert.Single(_received);
        Assert.Equal($"/{app.Setting("ForwardingQueue")}/messages", sent.Path);
        Assert.Equal($"forward-{id}", JsonDocument.Parse(sent.BrokerProperties).RootElement.GetProperty("MessageId").GetString());
        Assert.StartsWith("SharedAccessSignature sr=", sent.Authorization, StringComparison.Ordinal);
        Assert.Equal(id, JsonDocument.Parse(sent.Body).RootElement.GetProperty("observationId").GetGuid());
    }
}
