using System.ComponentModel.DataAnnotations;
using System.Net;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Which proxies in front of the app may say who the client is (<c>Network__*</c>; docs/deploy.md, "Client address").
/// An <c>X-Forwarded-For</c> entry is believed only when the hop that added it is trusted: the client is the right-most
/// address that no trusted proxy wrote. Nothing set: standalone trusts no one (the connection's address is the client);
/// Functions mode trusts loopback only, where the Functions host forwards each request from.
/// </summary>
internal sealed class NetworkOptions
{
    public const string SectionName = "Network";

    /// <summary>Comma-separated addresses of trusted proxies (<c>10.0.0.4, ::1</c>).</summary>
    public string? TrustedProxies { get; set; }

    /// <summary>Comma-separated trusted networks in CIDR notation (<c>10.0.0.0/16, 2001:db8::/48</c>).</summary>
    public string? TrustedNetworks { get; set; }

    /// <summary>
    /// At most this many <c>X-Forwarded-For</c> entries are read, right to left. Alone (no proxy nor network listed)
    /// it trusts that many hops whatever their address: right only when nothing reaches the app but through them.
    /// </summary>
    [Range(1, 20, ErrorMessage = "Network:ForwardLimit must be between 1 and 20.")]
    public int? ForwardLimit { get; set; }

    /// <summary>The proxies, or null when one is not an IP address.</summary>
    public IReadOnlyList<IPAddress>? Proxies() => Parse(TrustedProxies, (string text, out IPAddress value) =>
    {
        var parsed = IPAddress.TryParse(text, out var address);
        value = address!;
        return parsed;
    });

    /// <summary>The networks, or null when one is not in CIDR notation.</summary>
    public IReadOnlyList<System.Net.IPNetwork>? Networks() => Parse<System.Net.IPNetwork>(TrustedNetworks, System.Net.IPNetwork.TryParse);

    private delegate bool TryParse<T>(string text, out T value);

    private static IReadOnlyList<T>? Parse<T>(string? commaSeparated, TryParse<T> parse)
    {
        var values = new List<T>();
        foreach (var part in (commaSeparated ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!parse(part, out var value)) return null;
            values.Add(value);
        }
        return values;
    }
}
