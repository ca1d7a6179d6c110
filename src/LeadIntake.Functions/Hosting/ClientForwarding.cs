using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// The ASP.NET Core forwarded-headers middleware, set from <see cref="NetworkOptions"/>: only <c>X-Forwarded-For</c>,
/// read right to left while the hop that wrote an entry is trusted, so <c>Connection.RemoteIpAddress</c> becomes the
/// right-most untrusted address. Whatever a client writes in the header itself sits left of that and changes nothing.
/// The framework's own default trusts loopback; that default is cleared here, because in standalone mode anyone on the
/// machine (a sidecar, a local proxy that does not rewrite the header) would then choose its address.
/// </summary>
internal static class ClientForwarding
{
    /// <summary>The named <see cref="ForwardedHeadersOptions"/> that <see cref="HttpPipeline"/> reads the client with.</summary>
    public const string OptionsName = "LeadIntake";

    public static IServiceCollection AddClientForwarding(this IServiceCollection services, bool functionsMode)
    {
        services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.Proxies() is not null, "Network:TrustedProxies must be a comma-separated list of IP addresses (10.0.0.4, ::1).")
            .Validate(o => o.Networks() is not null, "Network:TrustedNetworks must be a comma-separated list of networks in CIDR notation (10.0.0.0/16).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>(OptionsName).Configure<IOptions<NetworkOptions>>((forwarded, network) => Configure(forwarded, network.Value, functionsMode));
        // The default options belong to passes this app does not own: the worker's ASP.NET Core integration runs one
        // (and sets it to every X-Forwarded-* header), as does ASPNETCORE_FORWARDEDHEADERS_ENABLED. Each would walk
        // the header again after the app's own pass, one more hop into what the client wrote. Network__* is the only
        // switch; post-configured, so it holds whatever was registered before or after.
        services.PostConfigure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.None);
        return services;
    }

    public static void Configure(ForwardedHeadersOptions forwarded, NetworkOptions network, bool functionsMode)
    {
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
        var proxies = network.Proxies() ?? [];
        var networks = network.Networks() ?? [];
        bool configured = proxies.Count > 0 || networks.Count > 0;
        if (functionsMode)
        {
            // The Functions host runs beside the worker and forwards every HTTP request to it from loopback: the host
            // is a trusted hop, and so is the platform's front end that appended the caller's address before it.
            forwarded.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
            forwarded.KnownProxies.Add(IPAddress.IPv6Loopback);
        }
        else if (!configured && network.ForwardLimit is null)
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.None;
            return;
        }
        foreach (var proxy in proxies) forwarded.KnownProxies.Add(proxy);
        foreach (var range in networks) forwarded.KnownIPNetworks.Add(range);
        // With trusted addresses the walk stops at the first untrusted one; no limit is needed. ForwardLimit alone
        // trusts that many hops, whatever their address (both lists empty: the middleware checks no address).
        forwarded.ForwardLimit = network.ForwardLimit ?? (forwarded.KnownProxies.Count + forwarded.KnownIPNetworks.Count > 0 ? null : 1);
    }
}
