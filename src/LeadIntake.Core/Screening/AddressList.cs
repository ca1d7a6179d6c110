using System.Collections.Frozen;

namespace LeadIntake.Core.Screening;

/// <summary>
/// An operator's allow-list or block-list: whole addresses (<c>jane@acme.com</c>) and domains (<c>acme.com</c> or
/// <c>@acme.com</c>; a domain also covers its subdomains). Built from configuration lines, so it changes without a redeploy.
/// </summary>
public sealed class AddressList
{
    private readonly FrozenSet<string> _addresses;
    private readonly FrozenSet<string> _domains;

    private AddressList(FrozenSet<string> addresses, FrozenSet<string> domains)
    {
        _addresses = addresses;
        _domains = domains;
    }

    public static AddressList Empty { get; } = new(FrozenSet<string>.Empty, FrozenSet<string>.Empty);

    public bool IsEmpty => _addresses.Count == 0 && _domains.Count == 0;

    /// <summary>One entry per line or item; blank lines and <c>#</c> comments are ignored.</summary>
    public static AddressList From(IEnumerable<string> entries)
    {
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        var domains = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in entries)
        {
            var entry = raw.Trim().ToLowerInvariant();
            if (entry.Length == 0 || entry.StartsWith('#')) continue;
            int at = entry.IndexOf('@');
            if (at > 0) addresses.Add(entry);
            else domains.Add(entry.TrimStart('@').TrimStart('*', '.'));
        }
        return new AddressList(addresses.ToFrozenSet(StringComparer.Ordinal), domains.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>The entry that matches the address or its domain (for the reason), or null.</summary>
    public string? Match(string? email, string? domain)
    {
        if (IsEmpty) return null;
        if (email is not null && _addresses.Contains(email.ToLowerInvariant())) return email.ToLowerInvariant();
        if (string.IsNullOrEmpty(domain)) return null;
        if (_domains.Contains(domain)) return domain;
        var rest = domain;
        while (rest.IndexOf('.') is var dot and >= 0)
        {
            rest = rest[(dot + 1)..];
            if (_domains.Contains(rest)) return rest;
        }
        return null;
    }
}
