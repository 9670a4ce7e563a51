using System.Net;
using System.Net.Sockets;

namespace DataGateway.Catalog.Notifications;

/// <summary>
/// Where a webhook may point: the catalog POSTs from inside the platform's network to a URL an organization chose,
/// so unless <see cref="NotificationOptions.AllowPrivateAddresses"/> says otherwise only public addresses are
/// reached — never loopback (the catalog's own port, a sidecar), private networks (other services), link-local (a
/// cloud's metadata endpoint) or the like. Checked on the address actually connected to, after DNS, so a name that
/// resolves to a private address (or starts to, later) is refused too.
/// </summary>
public static class WebhookAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] >= 224 // this network, private, multicast and reserved
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));
        }

        var bytes = address.GetAddressBytes();
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (bytes[0] & 0xfe) == 0xfc); // unique local fc00::/7
    }
}
