using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Dispatch.Links;

/// <summary>
/// Signs and checks the action links in rep mails: HMAC-SHA256 over the lead id, rep email, action, expiry and nonce.
/// Token: <c>base64url(payload) "." base64url(mac)</c>, payload <c>v1\nleadId\nrepEmail\naction\nexpiryUnixSeconds\nnonce</c>
/// (docs/dispatch.md, "Action links"). Stateless; one-time use is storage's job, keyed by the nonce.
/// </summary>
public sealed class ActionLinkSigner
{
    private const string Version = "v1";
    private const int MacLength = 32;
    // Payloads are a few hundred bytes; anything far longer is not ours and is refused before any work.
    private const int MaxTokenLength = 2048;
    private readonly byte[] key;
    private readonly byte[][] verifyKeys;

    /// <param name="key">The secret, at least 32 bytes (the HMAC-SHA256 block security); rotate by changing it.</param>
    public ActionLinkSigner(ReadOnlySpan<byte> key) : this(key, [])
    {
    }

    /// <param name="key">The secret new links are signed with, at least 32 bytes.</param>
    /// <param name="previousKeys">
    /// Keys links were signed with before a rotation: still accepted on read, never used to sign, so the links already
    /// in mailboxes keep working until they expire. Drop a previous key once the link lifetime has passed.
    /// </param>
    public ActionLinkSigner(ReadOnlySpan<byte> key, IReadOnlyList<byte[]> previousKeys)
    {
        if (key.Length < 32) throw new ArgumentException("The action link key must be at least 32 bytes.", nameof(key));
        if (previousKeys.Any(k => k.Length < 32)) throw new ArgumentException("Every previous action link key must be at least 32 bytes.", nameof(previousKeys));
        this.key = key.ToArray();
        verifyKeys = [this.key, .. previousKeys];
    }

    /// <summary>A fresh random nonce (128 bits, base64url).</summary>
    public static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public string Sign(ActionLinkClaims claims)
    {
        foreach (var part in new[] { claims.RepEmail, claims.Nonce })
        {
            if (string.IsNullOrEmpty(part) || part.Contains('\n', StringComparison.Ordinal)) throw new ArgumentException("Claims can't be empty or hold line breaks.", nameof(claims));
        }
        var payload = Encoding.UTF8.GetBytes(string.Join('\n',
            Version,
            claims.LeadId.Value,
            claims.RepEmail,
            WireNames.Of(claims.Action),
            claims.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            claims.Nonce));
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, payload))}";
    }

    public ActionLinkVerification Verify(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength) return new ActionLinkVerification.Malformed();
        int dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != token.LastIndexOf('.')) return new ActionLinkVerification.Malformed();
        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return new ActionLinkVerification.Malformed();
        }
        // Constant time, so the comparison leaks nothing about how much of a forged MAC was right.
        if (mac.Length != MacLength || !SignedByAnyKey(mac, payload))
        {
            return new ActionLinkVerification.Tampered();
        }
        var claims = Read(payload);
        if (claims is null) return new ActionLinkVerification.Malformed();
        return now >= claims.ExpiresAt ? new ActionLinkVerification.Expired(claims) : new ActionLinkVerification.Valid(claims);
    }

    /// <summary>The current key, then each previous one: every key is tried, so the time taken says nothing about which matched.</summary>
    private bool SignedByAnyKey(byte[] mac, byte[] payload)
    {
        bool matched = false;
        foreach (var candidate in verifyKeys) matched |= CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(candidate, payload));
        return matched;
    }

    /// <summary>
    /// Checks the token and that it was signed for this lead and action (the URL names both): a genuine token
    /// moved onto another lead's or action's URL is <see cref="ActionLinkVerification.Tampered"/>.
    /// </summary>
    public ActionLinkVerification Verify(string? token, LeadId leadId, RepAction action, DateTimeOffset now)
    {
        var result = Verify(token, now);
        var claims = result switch
        {
            ActionLinkVerification.Valid v => v.Claims,
            ActionLinkVerification.Expired e => e.Claims,
            _ => null,
        };
        if (claims is not null && (claims.LeadId != leadId || claims.Action != action)) return new ActionLinkVerification.Tampered();
        return result;
    }

    private static ActionLinkClaims? Read(byte[] payload)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var parts = text.Split('\n');
        if (parts.Length != 6 || parts[0] != Version) return null;
        if (!LeadId.TryParse(parts[1], out var leadId)) return null;
        if (!WireNames.TryParse<RepAction>(parts[3], out var action)) return null;
        if (!long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry) || expiry > 253402300799) return null;
        return new ActionLinkClaims(leadId, parts[2], action, DateTimeOffset.FromUnixTimeSeconds(expiry), parts[5]);
    }
}
