using System.Security.Cryptography;
using System.Text;

namespace LeadIntake.Core.Intake.Signatures;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> as Twilio's own libraries do (docs/providers.md, 'Twilio: signature';
/// https://www.twilio.com/docs/usage/webhooks/webhooks-security). The URL is the one configured at Twilio
/// (public base URL + path + query), never rebuilt from the Host header behind a proxy.
/// </summary>
public static class TwilioSignature
{
    /// <summary>The header Twilio signs its webhooks with.</summary>
    public const string HeaderName = "X-Twilio-Signature";

    /// <summary>
    /// A form-encoded webhook (POST) or a GET webhook (pass no parameters: the query string is part of the URL).
    /// </summary>
    /// <param name="authToken">The account's auth token.</param>
    /// <param name="url">The full URL Twilio requested, query string included, exactly as configured at Twilio.</param>
    /// <param name="parameters">The decoded POST parameters; a repeated name appears once per value.</param>
    /// <param name="signature">The <c>X-Twilio-Signature</c> header value.</param>
    public static SignatureVerdict VerifyForm(
        string authToken, string url, IReadOnlyList<KeyValuePair<string, string?>> parameters, string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return SignatureVerdict.Missing;
        var key = Encoding.UTF8.GetBytes(authToken);
        var sorted = SortedData(parameters, distinctValues: false);
        // twilio-node de-duplicates identical values of a repeated name (`new Set`), twilio-python doesn't
        // (their official vector with Digits=[5678,1234,1234]; docs/providers.md, 'Twilio: signature'): accept either.
        var distinct = SortedData(parameters, distinctValues: true);
        foreach (var candidate in UrlVariants(url))
        {
            if (Matches(key, candidate + sorted, signature) || (distinct != sorted && Matches(key, candidate + distinct, signature)))
            {
                return SignatureVerdict.Valid;
            }
        }
        return SignatureVerdict.Mismatch;
    }

    /// <summary>
    /// A JSON-body webhook: the URL carries <c>bodySHA256</c> (lowercase hex SHA-256 of the raw body) and the
    /// signature covers the URL alone (docs/providers.md, 'Twilio: signature'; https://www.twilio.com/docs/api/errors/57012).
    /// </summary>
    public static SignatureVerdict VerifyJson(string authToken, string url, ReadOnlySpan<byte> rawBody, string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return SignatureVerdict.Missing;
        var bodyHash = QueryValue(url, "bodySHA256");
        // Without the hash in the URL nothing ties the signature to the body (vector T24 must fail).
        if (bodyHash is null) return SignatureVerdict.Mismatch;
        var actual = Convert.ToHexStringLower(SHA256.HashData(rawBody));
        if (!ConstantTime.TextEquals(bodyHash.ToLowerInvariant(), actual)) return SignatureVerdict.Mismatch;
        var key = Encoding.UTF8.GetBytes(authToken);
        foreach (var candidate in UrlVariants(url))
        {
            if (Matches(key, candidate, signature)) return SignatureVerdict.Valid;
        }
        return SignatureVerdict.Mismatch;
    }

    /// <summary>The signature Twilio would send for this URL and these parameters (tests, local tooling).</summary>
    public static string Compute(string authToken, string url, IReadOnlyList<KeyValuePair<string, string?>> parameters) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(url + SortedData(parameters, false))));

    private static bool Matches(byte[] key, string data, string signature)
    {
        var expected = HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(data));
        Span<byte> presented = stackalloc byte[32];
        if (!Convert.TryFromBase64String(signature.Trim(), presented, out int written) || written != expected.Length) return false;
        return CryptographicOperations.FixedTimeEquals(presented[..written], expected);
    }

    // Names sorted ordinally; each name+value appended without separators, once per value, values sorted.
    private static string SortedData(IReadOnlyList<KeyValuePair<string, string?>> parameters, bool distinctValues)
    {
        if (parameters.Count == 0) return string.Empty;
        var pairs = parameters.Select(p => (Name: p.Key ?? string.Empty, Value: p.Value ?? string.Empty));
        if (distinctValues) pairs = pairs.Distinct();
        var sb = new StringBuilder();
        foreach (var (name, value) in pairs.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            sb.Append(name).Append(value);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Twilio is inconsistent about ports, so its SDKs accept the signature of the URL without any explicit port or
    /// with the scheme's default port added (vectors T3–T7, T17, T23). Host and scheme case are kept: Twilio signs
    /// the URL as configured (T8–T13).
    /// </summary>
    internal static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        if (!TrySplit(url, out var prefix, out var host, out var port, out var rest)) yield break;
        var without = prefix + host + rest;
        if (without != url) yield return without;
        if (port is null)
        {
            var scheme = prefix[..prefix.IndexOf("://", StringComparison.Ordinal)].ToLowerInvariant();
            var defaultPort = scheme switch { "https" => "443", "http" => "80", _ => null };
            if (defaultPort is not null) yield return prefix + host + ":" + defaultPort + rest;
        }
    }

    // prefix = "scheme://userinfo@", host, port (without ':'), rest = path + query + fragment; case untouched.
    private static bool TrySplit(string url, out string prefix, out string host, out string? port, out string rest)
    {
        prefix = host = rest = string.Empty;
        port = null;
        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) return false;
        int authorityStart = schemeEnd + 3;
        int authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0) authorityEnd = url.Length;
        var authority = url[authorityStart..authorityEnd];
        int at = authority.LastIndexOf('@');
        prefix = url[..authorityStart] + (at >= 0 ? authority[..(at + 1)] : string.Empty);
        var hostPort = at >= 0 ? authority[(at + 1)..] : authority;
        int colon = hostPort.LastIndexOf(':');
        // An IPv6 literal ("[::1]") has colons of its own: a port only follows the closing bracket.
        if (colon >= 0 && colon > hostPort.LastIndexOf(']'))
        {
            host = hostPort[..colon];
            port = hostPort[(colon + 1)..];
        }
        else
        {
            host = hostPort;
        }
        rest = url[authorityEnd..];
        return host.Length > 0;
    }

    private static string? QueryValue(string url, string name)
    {
        int q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0) return null;
        int hash = url.IndexOf('#', q);
        var query = hash < 0 ? url[(q + 1)..] : url[(q + 1)..hash];
        foreach (var part in query.Split('&'))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && Uri.UnescapeDataString(part[..eq]) == name) return Uri.UnescapeDataString(part[(eq + 1)..]);
        }
        return null;
    }
}
