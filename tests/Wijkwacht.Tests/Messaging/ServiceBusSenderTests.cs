using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Wijkwacht.Messaging;

namespace Wijkwacht.Tests.Messaging;

/// <summary>
/// The sender on the Azure Service Bus SDK against an AMQP broker in the test process that speaks to the SDK as
/// Service Bus does (<see cref="ServiceBusStandIn"/>): what reaches the queue, and how an outage or a refusal
/// reaches the caller.
/// </summary>
public sealed class ServiceBusSenderTests : IAsyncLifetime
{
    private const string Queue = "dossier-forwarding";
    private readonly CancellationTokenSource _giveUp = new(TimeSpan.FromSeconds(60));
    private readonly ServiceBusStandIn _serviceBus = ServiceBusStandIn.Start(Queue);
    private ServiceBusClient? _client;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        await _serviceBus.DisposeAsync();
        _giveUp.Dispose();
    }

    [Fact]
    public async Task AMessageReachesItsQueueWithItsBodyIdContentTypeAndProperties()
    {
        var body = """{"observationId":"5b1f0c1e-6a7e-4a8e-9d1e-2b9d3c0a1f00"}"""u8.ToArray();
        var message = new OutgoingMessage("forward-5b1f", BinaryData.FromBytes(body))
        {
            Properties = new Dictionary<string, string> { ["MessageType"] = "ForwardDossier" },
        };

        await Sender().SendAsync(Queue, message, _giveUp.Token);

        var received = Assert.Single(_serviceBus.In(Queue));
        Assert.Equal(body, received.Body);
        Assert.Equal("forward-5b1f", received.MessageId);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("ForwardDossier", received.ApplicationProperties["MessageType"]);
        Assert.Null(received.ScheduledEnqueueTime);
    }

    [Fact]
    public async Task TheSenderSignsInAsServiceBusExpectsWithATokenForTheQueue()
    {
        await Sender().SendAsync(Queue, Message("m-1"), _giveUp.Token);

        Assert.Equal(["MSSBCBS"], _serviceBus.SaslMechanisms);
        var token = Assert.Single(_serviceBus.TokenRequests);
        Assert.Equal("put-token", token.Operation);
        Assert.Equal("servicebus.windows.net:sastoken", token.Type);
        // The audience is the queue on the namespace (the SDK leaves the port out of it).
        Assert.EndsWith($"//127.0.0.1/{Queue}", token.Audience, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OneSenderPerQueueServesEverySendOverOneLink()
    {
        var sender = Sender();

        await sender.SendAsync(Queue, Message("m-1"), _giveUp.Token);
        await sender.SendAsync(Queue, Message("m-2"), _giveUp.Token);
        await sender.SendAsync(Queue, Message("m-3"), _giveUp.Token);

        Assert.Equal(["m-1", "m-2", "m-3"], _serviceBus.In(Queue).Select(m => m.MessageId));
        // One link (one put-token, one SASL handshake) for all three: the sender was created once and kept.
        Assert.Single(_serviceBus.TokenRequests);
        Assert.Single(_serviceBus.SaslMechanisms);
    }

    [Fact]
    public async Task ASecondSendOfTheSameMessageIdLeavesOneMessageInTheQueue()
    {
        var sender = Sender();

        await sender.SendAsync(Queue, Message("forward-1"), _giveUp.Token);
        await sender.SendAsync(Queue, Message("forward-1"), _giveUp.Token);

        Assert.Single(_serviceBus.In(Queue));
    }

    [Fact]
    public async Task AMessageOverTheQueuesSizeLimitIsRefusedAndNothingIsQueued()
    {
        _serviceBus.MaxMessageSize = 1024;
        var tooBig = new OutgoingMessage("big", BinaryData.FromBytes(new byte[2 * 1024]));

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => Sender().SendAsync(Queue, tooBig, _giveUp.Token));

        Assert.Equal(ServiceBusFailureReason.MessageSizeExceeded, error.Reason);
        Assert.Empty(_serviceBus.Received);
    }

    [Fact]
    public async Task AServiceBusThatIsDownSurfacesAsACommunicationErrorWithinSeconds()
    {
        _serviceBus.Close();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => Sender().SendAsync(Queue, Message("m-1"), _giveUp.Token));

        Assert.Equal(ServiceBusFailureReason.ServiceCommunicationProblem, error.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"Gave up after {clock.Elapsed}.");
    }

    [Fact]
    public async Task TheSameSenderSendsAgainOnceServiceBusIsBack()
    {
        var sender = Sender();
        _serviceBus.Close();
        await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendAsync(Queue, Message("m-1"), _giveUp.Token));

        _serviceBus.Open();
        await sender.SendAsync(Queue, Message("m-1"), _giveUp.Token);

        Assert.Equal("m-1", Assert.Single(_serviceBus.In(Queue)).MessageId);
    }

    [Fact]
    public async Task ARefusedTokenSurfacesAsUnauthorizedAndNothingIsQueued()
    {
        _serviceBus.RefuseTokens = true;

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Sender().SendAsync(Queue, Message("m-1"), _giveUp.Token));

        Assert.Empty(_serviceBus.Received);
    }

    [Fact]
    public async Task AQueueThatDoesNotExistSurfacesAsEntityNotFound()
    {
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => Sender().SendAsync("no-such-queue", Message("m-1"), _giveUp.Token));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, error.Reason);
    }

    [Fact]
    public async Task InAzureTheSenderReachesTheNamespaceOverTlsWithAnEntraTokenForServiceBus()
    {
        await using var azure = ServiceBusStandIn.StartWithTls(Queue);
        var credential = new FixedTokenCredential(azure.AcceptedJwt);
        var connection = ServiceBusConnection.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ServiceBusConnection:fullyQualifiedNamespace"] = "wijkwacht-test.servicebus.windows.net",
        }).Build());
        var options = new ServiceBusClientOptions
        {
            RetryOptions = ServiceBusConnection.Retry,
            // The namespace's address stays wijkwacht-test.servicebus.windows.net; the connection goes to the stand-in.
            CustomEndpointAddress = new Uri($"sb://127.0.0.1:{azure.Port}"),
            CertificateValidationCallback = (_, certificate, _, _) => azure.IsOwnCertificate(certificate),
        };
        await using var client = connection.CreateClient(options, credential);

        await new ServiceBusMessageSender(client).SendAsync(Queue, Message("m-1"), _giveUp.Token);

        Assert.Equal("m-1", Assert.Single(azure.In(Queue)).MessageId);
        var token = Assert.Single(azure.TokenRequests);
        Assert.Equal("jwt", token.Type);
        Assert.EndsWith($"//wijkwacht-test.servicebus.windows.net/{Queue}", token.Audience, StringComparison.OrdinalIgnoreCase);
        Assert.All(credential.RequestedScopes, scopes => Assert.Equal(["https://servicebus.azure.net/.default"], scopes));
        Assert.NotEmpty(credential.RequestedScopes);
    }

    private ServiceBusMessageSender Sender()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ServiceBusConnection"] = _serviceBus.ConnectionString,
        }).Build();
        _client ??= ServiceBusConnection.From(configuration).CreateClient();
        return new ServiceBusMessageSender(_client);
    }

    private static OutgoingMessage Message(string id) => new(id, BinaryData.FromString("{}"));

    private sealed class FixedTokenCredential(string token) : TokenCredential
    {
        public ConcurrentQueue<string[]> RequestedScopes { get; } = new();

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            RequestedScopes.Enqueue(requestContext.Scopes);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
