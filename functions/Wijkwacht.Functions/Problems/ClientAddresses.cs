using System.Net;
using System.Net.Sockets;

namespace Wijkwacht.Problems;

/// <summary>
/// Who a client is, for rate limits: an IP address parsed from where the settings say the trusted front end put
/// it, never a string the caller chose. IPv4-mapped IPv6 addresses count as their IPv4 address, and IPv6
/// addresses are grouped by /64 (one subscriber gets a whole /64 and could otherwise rotate through it).
/// When the header is missing or holds no address, the connection's address is used.
/// </summary>
internal sealed class ClientAddresses(string header, int forwardedForEntryFromEnd)
{
    public string KeyOf(HttpContext context)
    {
        var address = FromHeader(context.Request.Headers) ?? context.Connection.RemoteIpAddress;
        return address is null ? "unknown" : Key(address);
    }

    public static string Key(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private IPAddress? FromHeader(IHeaderDictionary headers)
    {
        if (header.Length == 0)
        {
            return null;
        }

        var values = headers[header].SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        // A proxy appends the address it saw to X-Forwarded-For; whatever stands before it is the caller's to say.
        var value = string.Equals(header, "X-Forwarded-For", StringComparison.OrdinalIgnoreCase)
            ? values.Count >= forwardedForEntryFromEnd ? values[^forwardedForEntryFromEnd] : null
            : values[^1];
        return value is null ? null : Parse(value);
    }

    /// <summary>"a.b.c.d", "a.b.c.d:port", "x:y::z", "[x:y::z]:port"; anything else is no address.</summary>
    public static IPAddress? Parse(string value)
    {
        if (value.Length > 64)
        {
            return null;
        }

        if (IPAddress.TryParse(value, out var address))
        {
            return address;
        }

        return IPEndPoint.TryParse(value, out var endPoint) ? endPoint.Address : null;
    }
}
