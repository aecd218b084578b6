using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Wijkwacht.Messaging;

namespace Wijkwacht.Tests.Messaging;

/// <summary>The sender against a real local HTTP listener that records what Service Bus would receive (research §3.1, §3.3).</summary>
public sealed class ServiceBusRestSenderTests : IAsyncLifetime
{
    private const string KeyName = "RootManageSharedAccessKey";
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM0NTY=";

    // 2026-11-22T10:00:00Z; a token made then expires an hour later, at 1795345200.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1795341600));
    private readonly HttpClient _http = new();

    // The fake clock never moves, so a sender that waits on it (instead of retrying at once on Retry-After: 0,
    // or throwing) would hang: it is cancelled instead, which fails the test.
    private readonly CancellationTokenSource _giveUp = new(TimeSpan.FromSeconds(10));
    private RecordingListener _serviceBus = null!;

    public async ValueTask InitializeAsync() => _serviceBus = await RecordingListener.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _giveUp.Dispose();
        await _serviceBus.DisposeAsync();
    }

    [Fact]
    public async Task AMessageIsPostedToItsQueueWithItsIdAsBrokerProperty()
    {
        var body = """{"observationId":"5b1f0c1e-6a7e-4a8e-9d1e-2b9d3c0a1f00"}"""u8.ToArray();

        await SenderWithKey().SendAsync("dossier-forwarding", new OutgoingMessage("forward-5b1f", BinaryData.FromBytes(body)), _giveUp.Token);

        var request = Assert.Single(_serviceBus.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Matches(@"^/dossier-forwarding/messages(\?timeout=\d+)?$", request.PathAndQuery);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        var brokerProperties = JsonDocument.Parse(request.Headers["BrokerProperties"]).RootElement;
        Assert.Equal("forward-5b1f", brokerProperties.GetProperty("MessageId").GetString());
        Assert.Equal(body, request.Body);
    }

    [Fact]
    public async Task TheSharedAccessSignatureCoversTheQueueForAnHour()
    {
        await SenderWithKey().SendAsync("dossier-forwarding", Message(), _giveUp.Token);

        var resource = WebUtility.UrlEncode($"http://127.0.0.1:{_serviceBus.BaseAddress.Port}/dossier-forwarding");
        const string expiry = "1795345200";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(resource + "\n" + expiry)));
        Assert.Equal(
            $"SharedAccessSignature sr={resource}&sig={WebUtility.UrlEncode(signature)}&se={expiry}&skn={KeyName}",
            Assert.Single(_serviceBus.Requests).Headers["Authorization"]);
    }

    [Fact]
    public void TheSignatureForTheDocumentedQueueMatchesAnIndependentlyComputedOne()
    {
        var token = ServiceBusSas.CreateToken("https://contoso.servicebus.windows.net/myqueue", KeyName,
            "hQ4XcKqzNFcTbR0kN6c1c6hq2Xg8Vj3uI5bYfGv0wXU=", DateTimeOffset.FromUnixTimeSeconds(1795773600));

        // Computed outside .NET (Python hmac, base64, urllib.parse.quote) by the algorithm of research §3.3.
        Assert.Equal(
            "SharedAccessSignature sr=https%3A%2F%2Fcontoso.servicebus.windows.net%2Fmyqueue" +
            "&sig=3Dz6os%2FGXfKoyA0phg0GQeKzEjU8AuXn47fMAPoe27A%3D&se=1795773600&skn=RootManageSharedAccessKey",
            token);
    }

    [Fact]
    public async Task WithoutAKeyTheSenderPresentsAnEntraTokenForServiceBus()
    {
        var credential = new FixedTokenCredential("entra-token-for-tests");
        var sender = new ServiceBusRestSender(_http, new ServiceBusConnection(_serviceBus.BaseAddress, null, null, credential), _time);

        await sender.SendAsync("dossier-forwarding", Message(), _giveUp.Token);

        Assert.Equal("Bearer entra-token-for-tests", Assert.Single(_serviceBus.Requests).Headers["Authorization"]);
        Assert.Equal(["https://servicebus.azure.net/.default"], Assert.Single(credential.RequestedScopes));
    }

    [Fact]
    public async Task ABusyServiceBusIsAskedAgain()
    {
        _serviceBus.Then(HttpStatusCode.ServiceUnavailable, retryAfter: "0");
        await SenderWithKey().SendAsync("dossier-forwarding", Message(), _giveUp.Token);

        Assert.Equal(2, _serviceBus.Requests.Count);
    }

    [Fact]
    public async Task AServiceBusThatStaysBusyIsGivenUpOnAfterFourAttempts()
    {
        for (var i = 0; i < 4; i++)
        {
            _serviceBus.Then(HttpStatusCode.TooManyRequests, retryAfter: "0");
        }

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => SenderWithKey().SendAsync("dossier-forwarding", Message(), _giveUp.Token));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(4, _serviceBus.Requests.Count);
    }

    [Fact]
    public async Task ARefusedSignatureIsNotRetried()
    {
        _serviceBus.Then(HttpStatusCode.Unauthorized);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => SenderWithKey().SendAsync("dossier-forwarding", Message(), _giveUp.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Single(_serviceBus.Requests);
    }

    private ServiceBusRestSender SenderWithKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ServiceBusConnection"] = $"Endpoint={_serviceBus.BaseAddress};SharedAccessKeyName={KeyName};SharedAccessKey={Key}",
        }).Build();
        return new ServiceBusRestSender(_http, ServiceBusConnection.From(configuration), _time);
    }

    private static OutgoingMessage Message() => new("message-1", BinaryData.FromString("{}"));

    private sealed class FixedTokenCredential(string token) : TokenCredential
    {
        public List<string[]> RequestedScopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            RequestedScopes.Add(requestContext.Scopes);
            return new AccessToken(token, DateTimeOffset.MaxValue);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
