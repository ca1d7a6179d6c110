using System.Collections.Frozen;
using System.Text.Json;

namespace LeadIntake.Core.Screening;

/// <summary>
/// Throw-away mailbox domains (mailinator.com, yopmail.com…). The bundled list is the npm package
/// <c>disposable-email-domains</c> (MIT, https://github.com/ivolo/disposable-email-domains), pinned in package.json and
/// embedded at build time: <c>index.json</c> holds exact domains, <c>wildcard.json</c> domains whose every subdomain is
/// disposable. Operators add their own with <see cref="With"/>. How to refresh: docs/screening.md.
/// </summary>
public sealed class DisposableDomains
{
    private static readonly Lazy<DisposableDomains> Embedded = new(LoadEmbedded);

    private readonly FrozenSet<string> _exact;
    private readonly FrozenSet<string> _wildcard;

    private DisposableDomains(FrozenSet<string> exact, FrozenSet<string> wildcard)
    {
        _exact = exact;
        _wildcard = wildcard;
    }

    /// <summary>The list shipped with this build.</summary>
    public static DisposableDomains Bundled => Embedded.Value;

    public static DisposableDomains Empty { get; } = new(FrozenSet<string>.Empty, FrozenSet<string>.Empty);

    public int Count => _exact.Count + _wildcard.Count;

    /// <summary>This list plus operator-supplied domains (one per entry, case-insensitive; a leading "@" or "*." is ignored).</summary>
    public DisposableDomains With(IEnumerable<string> extraDomains)
    {
        var extra = extraDomains
            .Select(d => d.Trim().TrimStart('@').ToLowerInvariant())
            .Where(d => d.Length > 0 && !d.StartsWith('#'))
            .ToList();
        var exact = _exact.Concat(extra.Where(d => !d.StartsWith("*.", StringComparison.Ordinal)));
        var wildcard = _wildcard.Concat(extra.Where(d => d.StartsWith("*.", StringComparison.Ordinal)).Select(d => d[2..]));
        return new DisposableDomains(exact.ToFrozenSet(StringComparer.Ordinal), wildcard.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>Whether a lower-cased domain is disposable (a wildcard entry covers its subdomains).</summary>
    public bool Contains(string? domain)
    {
        if (string.IsNullOrEmpty(domain)) return false;
        if (_exact.Contains(domain) || _wildcard.Contains(domain)) return true;
        var rest = domain.AsSpan();
        var lookup = _wildcard.GetAlternateLookup<ReadOnlySpan<char>>();
        var exactLookup = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
        while (rest.IndexOf('.') is var dot and >= 0 && rest[(dot + 1)..].Contains('.'))
        {
            rest = rest[(dot + 1)..];
            // Mail from a subdomain of a throw-away provider is as disposable as the provider itself.
            if (lookup.Contains(rest) || exactLookup.Contains(rest)) return true;
        }
        return false;
    }

    private static DisposableDomains LoadEmbedded() =>
        new(Load("LeadIntake.Core.Screening.Rules.disposable-domains.json"), Load("LeadIntake.Core.Screening.Rules.disposable-wildcards.json"));

    private static FrozenSet<string> Load(string resource)
    {
        using var stream = typeof(DisposableDomains).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing from LeadIntake.Core (run npm ci at the repo root).");
        var domains = JsonSerializer.Deserialize<string[]>(stream) ?? [];
        return domains.Select(d => d.Trim().ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
    }
}
