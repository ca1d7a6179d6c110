using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// The one key that names a client, for the form rate limit and for the screening fingerprint alike: the address
/// left by the forwarded-headers middleware (the right-most untrusted one, docs/deploy.md), an IPv4 address as is,
/// an IPv6 address by its /64 (one subscriber line or host gets a whole /64 and can rotate within it at no cost).
/// </summary>
internal static class ClientAddress
{
    public static string? KeyOf(HttpContext context) => KeyOf(context.Connection.RemoteIpAddress);

    public static string? KeyOf(IPAddress? address)
    {
        if (address is null) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address)) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return string.Create(CultureInfo.InvariantCulture, $"{new IPAddress(bytes)}/64");
    }
}
