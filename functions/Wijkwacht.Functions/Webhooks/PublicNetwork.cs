using System.Net;
using System.Net.Sockets;
using Wijkwacht.Network;

namespace Wijkwacht.Webhooks;

/// <summary>
/// Webhook addresses are data a coordinator types in, so outside Development a delivery may only connect to a
/// public address: never to the function app's own network, the loopback or the platform's metadata endpoint
/// (169.254.169.254) or Azure's platform endpoint (168.63.129.16), whatever the host name resolves to at the moment of sending.
/// </summary>
internal static class PublicNetwork
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var target = addresses.FirstOrDefault(PublicAddresses.IsPublic)
            ?? throw new HttpRequestException(NotPublic);
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What a coordinator is told when a delivery could not connect: the kind of failure, never the exception's
    /// own text, which names internal addresses, ports and the platform's messages.
    /// </summary>
    public static string Describe(Exception exception) => exception switch
    {
        TaskCanceledException => "The webhook did not answer in time.",
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } } => "The webhook's host name could not be found.",
        HttpRequestException { Message: var m } when m.StartsWith(NotPublic, StringComparison.Ordinal) => "The webhook's host is not a public internet address.",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "No secure (TLS) connection could be made to the webhook.",
        _ => "The webhook could not be reached.",
    };

    private const string NotPublic = "The webhook host does not resolve to a public address.";
}
