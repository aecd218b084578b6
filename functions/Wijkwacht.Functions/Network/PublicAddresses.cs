using System.Net;
using System.Net.Sockets;

namespace Wijkwacht.Network;

/// <summary>
/// Which addresses are on the public internet. Addresses people type in (a partner's webhook) must never lead
/// to the app's own network, the loopback, the platform's metadata (169.254.169.254) or Azure's platform endpoint
/// (168.63.129.16), nor to an IPv6 address that carries such an IPv4 address inside. Used when a webhook is saved
/// (Partners) and when it is called (Webhooks).
/// </summary>
internal static class PublicAddresses
{
    /// <summary>Azure's platform endpoint (DNS, health probes, the VM agent): reachable from every Azure host, never a partner.</summary>
    private static readonly IPAddress AzurePlatform = IPAddress.Parse("168.63.129.16");

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)
            || address.Equals(AzurePlatform))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var v6 = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast
                // Addresses that carry an IPv4 address inside, which a gateway may turn into a private IPv4 one:
                || IsNat64(v6) // NAT64 64:ff9b::/96 and the local-use 64:ff9b:1::/48
                || (v6[0] == 0x20 && v6[1] == 0x02) // 6to4 2002::/16
                || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0 && v6[3] == 0) // Teredo 2001::/32
                || v6.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0); // IPv4-compatible ::a.b.c.d (deprecated), and :: / ::1
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] >= 224
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127));
    }

    private static bool IsNat64(byte[] v6) =>
        v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b
        && (v6.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0 || (v6[4] == 0x00 && v6[5] == 0x01));

    /// <summary>
    /// Whether a webhook URL may be saved: a host given as an address must be a public one (a host name is
    /// checked again at every delivery, against what it resolves to then).
    /// </summary>
    public static bool IsAllowedHost(Uri url) =>
        url.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6) || (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) && IsPublic(address));
}
