using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Sasl;
using Amqp.Types;

namespace Wijkwacht.Tests.Messaging;

/// <summary>
/// A small AMQP 1.0 broker in the test process that answers the Azure Service Bus SDK as the service does, so
/// the real SDK is what the tests send with. There is no Service Bus emulator here (it needs Docker). With
/// UseDevelopmentEmulator=true in the connection string the SDK speaks plain AMQP (no TLS) to the endpoint's
/// host and port; with a namespace and a token credential it speaks AMQP over TLS (<see cref="StartWithTls"/>,
/// a self-signed certificate the client is told to accept). Then, as against Azure:
/// <list type="number">
/// <item>SASL with the MSSBCBS mechanism: "claims-based security follows" (no credentials in SASL);</item>
/// <item>a put-token request on the $cbs node for each entity it opens: a shared access signature, checked here
/// against the key (HMAC-SHA256 over "{url-encoded resource}\n{expiry}") and its expiry, or a Microsoft Entra
/// token ("jwt"), checked against the one token this stand-in accepts; answered 202 or 401;</item>
/// <item>a sending link to the queue, refused when the queue does not exist or no token covers it; the attach
/// answer carries the queue's max-message-size, which the SDK enforces before sending;</item>
/// <item>one transfer per message, accepted, or rejected when over that size.</item>
/// </list>
/// Every accepted message is recorded with what a receiver would see. A MessageId seen before on a queue is
/// accepted and dropped, as duplicate detection does.
/// </summary>
internal sealed class ServiceBusStandIn : IAsyncDisposable
{
    public const string KeyName = "RootManageSharedAccessKey";

    // Service Bus Standard tier's limit (the SDK reads it from the link, as from the service).
    public const uint StandardMaxMessageSize = 256 * 1024;

    private const string CbsSaslMechanism = "MSSBCBS";
    private const string CbsNode = "$cbs";
    private const string SasTokenType = "servicebus.windows.net:sastoken";
    private const string JwtTokenType = "jwt";
    private const string ScheduledEnqueueTimeAnnotation = "x-opt-scheduled-enqueue-time";
    private const uint BatchedMessageFormat = 0x80013700;

    private readonly HashSet<string> _queues;
    private readonly ConcurrentDictionary<string, byte> _authorizedAudiences = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Queue, string MessageId), byte> _seen = new();
    private readonly X509Certificate2? _certificate;
    private ContainerHost? _host;

    private ServiceBusStandIn(int port, IEnumerable<string> queues, X509Certificate2? certificate = null)
    {
        Port = port;
        _queues = new HashSet<string>(queues, StringComparer.OrdinalIgnoreCase);
        _certificate = certificate;
    }

    public int Port { get; }

    public string Key { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string ConnectionString => $"Endpoint=sb://127.0.0.1:{Port};SharedAccessKeyName={KeyName};SharedAccessKey={Key};UseDevelopmentEmulator=true";

    /// <summary>The queues' max-message-size, announced on each link as it attaches.</summary>
    public uint MaxMessageSize { get; set; } = StandardMaxMessageSize;

    /// <summary>The Microsoft Entra access token a "jwt" put-token must carry.</summary>
    public string AcceptedJwt { get; } = "entra-token-" + Guid.NewGuid().ToString("N");

    /// <summary>Whether a client's TLS handshake met this stand-in's certificate (for a TLS stand-in).</summary>
    public bool IsOwnCertificate(X509Certificate? certificate) => certificate is not null && _certificate is not null
        && certificate.GetCertHashString() == _certificate.GetCertHashString();

    /// <summary>While true, every put-token is answered 401, as for a revoked key or a missing role.</summary>
    public bool RefuseTokens { get; set; }

    public ConcurrentQueue<ReceivedMessage> Received { get; } = new();

    public ConcurrentQueue<string> SaslMechanisms { get; } = new();

    public ConcurrentQueue<CbsRequest> TokenRequests { get; } = new();

    /// <summary>A stand-in on a free port, not yet listening: a Service Bus that is down.</summary>
    public static ServiceBusStandIn Create(params string[] queues) => new(AzuriteFixture.FreePort(), queues);

    public static ServiceBusStandIn Start(params string[] queues)
    {
        var standIn = Create(queues);
        standIn.Open();
        return standIn;
    }

    /// <summary>A stand-in that speaks AMQP over TLS (amqps), as Service Bus in Azure does.</summary>
    public static ServiceBusStandIn StartWithTls(params string[] queues)
    {
        var standIn = new ServiceBusStandIn(AzuriteFixture.FreePort(), queues, SelfSignedCertificate());
        standIn.Open();
        return standIn;
    }

    public IEnumerable<ReceivedMessage> In(string queue) => Received.Where(m => string.Equals(m.Queue, queue, StringComparison.OrdinalIgnoreCase));

    public void Open()
    {
        if (_host is not null)
        {
            return;
        }

        var host = new ContainerHost(new Address($"{(_certificate is null ? "amqp" : "amqps")}://127.0.0.1:{Port}"));
        if (_certificate is not null)
        {
            host.Listeners[0].SSL.Certificate = _certificate;
        }

        host.Listeners[0].SASL.EnableMechanism(new Symbol(CbsSaslMechanism), new CbsSaslProfile(this));
        host.RegisterRequestProcessor(CbsNode, new CbsProcessor(this));
        host.RegisterLinkProcessor(new QueueLinks(this));
        host.Open();
        _host = host;
    }

    /// <summary>Stops listening and drops every connection, as an outage would.</summary>
    public void Close()
    {
        _host?.Close();
        _host = null;
        _authorizedAudiences.Clear();
    }

    public ValueTask DisposeAsync()
    {
        Close();
        _certificate?.Dispose();
        return ValueTask.CompletedTask;
    }

    private (int Status, string Description) PutToken(Message request)
    {
        var properties = request.ApplicationProperties?.Map;
        var audience = properties?["name"] as string ?? "";
        TokenRequests.Enqueue(new CbsRequest(properties?["operation"] as string, properties?["type"] as string, audience));
        var type = properties?["type"] as string;
        if (properties?["operation"] as string != "put-token" || type is not (SasTokenType or JwtTokenType) || request.Body is not string token)
        {
            return (400, "Expected put-token with a shared access signature or a Microsoft Entra token.");
        }

        if (RefuseTokens || !(type == JwtTokenType ? token == AcceptedJwt : SignatureHolds(token, audience)))
        {
            return (401, "The token is not valid for " + audience);
        }

        _authorizedAudiences[audience] = 0;
        return (202, "Accepted");
    }

    private bool SignatureHolds(string token, string audience)
    {
        const string scheme = "SharedAccessSignature ";
        if (!token.StartsWith(scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var fields = token[scheme.Length..].Split('&').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
        if (!fields.TryGetValue("sr", out var resource) || !fields.TryGetValue("sig", out var signature)
            || !fields.TryGetValue("se", out var expiry) || fields.GetValueOrDefault("skn") != KeyName
            || !long.TryParse(expiry, out var expiresAt) || DateTimeOffset.FromUnixTimeSeconds(expiresAt) < DateTimeOffset.UtcNow)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(resource + "\n" + expiry));
        // A token for a namespace covers its entities, as in Service Bus.
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromBase64String(Uri.UnescapeDataString(signature)))
            && WithoutScheme(audience).StartsWith(WithoutScheme(Uri.UnescapeDataString(resource)).TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // SslStream on Linux needs the key in a loaded PKCS#12, not the ephemeral one of CreateSelfSigned.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private static string WithoutScheme(string uri) => uri.Contains("://", StringComparison.Ordinal) ? uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..] : uri;

    private bool Authorized(string queue) =>
        _authorizedAudiences.Keys.Any(a => WithoutScheme(a).TrimEnd('/').EndsWith("/" + queue, StringComparison.OrdinalIgnoreCase));

    private Error? Accept(string queue, Message message)
    {
        if (message.Format == BatchedMessageFormat)
        {
            return new Error(ErrorCode.NotImplemented) { Description = "This stand-in takes one message per transfer." };
        }

        if (message.Encode().Length > MaxMessageSize)
        {
            return new Error(new Symbol("amqp:link:message-size-exceeded")) { Description = $"The message is over {MaxMessageSize} bytes." };
        }

        var messageId = message.Properties?.MessageId;
        if (messageId is not null && !_seen.TryAdd((queue, messageId), 0))
        {
            return null;
        }

        var applicationProperties = message.ApplicationProperties?.Map.ToDictionary(p => p.Key.ToString()!, p => p.Value) ?? [];
        var scheduled = message.MessageAnnotations?[new Symbol(ScheduledEnqueueTimeAnnotation)] is DateTime at ? new DateTimeOffset(at.ToUniversalTime()) : (DateTimeOffset?)null;
        Received.Enqueue(new ReceivedMessage(queue, BodyOf(message), messageId, message.Properties?.ContentType, applicationProperties, scheduled));
        return null;
    }

    private static byte[] BodyOf(Message message) => message.BodySection switch
    {
        Data data => data.Binary,
        AmqpValue { Value: byte[] bytes } => bytes,
        AmqpValue { Value: string text } => Encoding.UTF8.GetBytes(text),
        _ => [],
    };

    /// <summary>What a receiver of the queue would get.</summary>
    public sealed record ReceivedMessage(
        string Queue,
        byte[] Body,
        string? MessageId,
        string? ContentType,
        IReadOnlyDictionary<string, object> ApplicationProperties,
        DateTimeOffset? ScheduledEnqueueTime);

    public sealed record CbsRequest(string? Operation, string? Type, string Audience);

    /// <summary>MSSBCBS: the client names the mechanism and sends no credentials; the outcome is "ok".</summary>
    private sealed class CbsSaslProfile(ServiceBusStandIn standIn) : SaslProfile(new Symbol(CbsSaslMechanism))
    {
        protected override ITransport UpgradeTransport(ITransport transport) => transport;

        protected override DescribedList GetStartCommand(string hostname) => throw new NotSupportedException("The listener starts SASL.");

        protected override DescribedList OnCommand(DescribedList command)
        {
            if (command is SaslInit init)
            {
                standIn.SaslMechanisms.Enqueue(init.Mechanism.ToString());
                return new SaslOutcome { Code = SaslCode.Ok };
            }

            throw new AmqpException(ErrorCode.NotAllowed, command.Descriptor.Name);
        }
    }

    private sealed class CbsProcessor(ServiceBusStandIn standIn) : IRequestProcessor
    {
        public int Credit => 100;

        public void Process(RequestContext requestContext)
        {
            var (status, description) = standIn.PutToken(requestContext.Message);
            requestContext.Complete(new Message
            {
                Properties = new Properties { CorrelationId = requestContext.Message.Properties?.MessageId },
                ApplicationProperties = new ApplicationProperties { ["status-code"] = status, ["status-description"] = description },
            });
        }
    }

    private sealed class QueueLinks(ServiceBusStandIn standIn) : ILinkProcessor
    {
        public void Process(AttachContext attachContext)
        {
            // The SDK names the entity by its path on the namespace: "/{queue}".
            var queue = (attachContext.Attach.Target as Target)?.Address?.TrimStart('/');
            if (!attachContext.Link.Role || queue is null || !standIn._queues.Contains(queue))
            {
                attachContext.Complete(new Error(ErrorCode.NotFound) { Description = $"No queue '{queue}' to send to here." });
                return;
            }

            if (!standIn.Authorized(queue))
            {
                attachContext.Complete(new Error(ErrorCode.UnauthorizedAccess) { Description = $"No token covers '{queue}'." });
                return;
            }

            attachContext.Attach.MaxMessageSize = standIn.MaxMessageSize;
            attachContext.Complete(new QueueEndpoint(standIn, queue), 100);
        }
    }

    private sealed class QueueEndpoint(ServiceBusStandIn standIn, string queue) : LinkEndpoint
    {
        public override void OnMessage(MessageContext messageContext)
        {
            if (standIn.Accept(queue, messageContext.Message) is { } error)
            {
                messageContext.Complete(error);
            }
            else
            {
                messageContext.Complete();
            }
        }

        public override void OnFlow(FlowContext flowContext)
        {
        }

        public override void OnDisposition(DispositionContext dispositionContext) => dispositionContext.Complete();
    }
}
