using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LeadIntake.Core.Intake.Signatures;

/// <summary>
/// Mailgun's webhook signature: lowercase hex HMAC-SHA256(signing key, timestamp ‖ token)
/// (https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks). Routes put
/// <c>timestamp</c>, <c>token</c> and <c>signature</c> at the top level of the form (docs/providers.md, 'Mailgun routes').
/// </summary>
public static class MailgunSignature
{
    /// <summary>How old a signed timestamp may be by default (Mailgun recommends rejecting stale ones).</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Checks the signature, then that <paramref name="timestamp"/> (Unix seconds) is within <paramref name="maxAge"/>
    /// of <paramref name="now"/> in either direction (clock skew). Within the window the caller remembers the token
    /// (<see cref="Leads.IIntakeKeys.RecordSignatureAsync"/>) and refuses it for any other delivery.
    /// </summary>
    public static SignatureVerdict Verify(
        string signingKey, string? timestamp, string? token, string? signature, DateTimeOffset now, TimeSpan maxAge)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(token) || string.IsNullOrEmpty(signature))
        {
            return SignatureVerdict.Missing;
        }
        if (!IsSignedBy(signingKey, timestamp, token, signature)) return SignatureVerdict.Mismatch;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > 253_402_300_799) return SignatureVerdict.Stale;
        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age.Duration() <= maxAge ? SignatureVerdict.Valid : SignatureVerdict.Stale;
    }

    /// <summary>The signature alone, without the freshness check (matches mailgun-php's <c>verifyWebhookSignature</c>).</summary>
    public static bool IsSignedBy(string signingKey, string? timestamp, string? token, string? signature)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(token) || string.IsNullOrEmpty(signature)) return false;
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.UTF8.GetBytes(timestamp + token)));
        return ConstantTime.TextEquals(signature.Trim().ToLowerInvariant(), expected);
    }
}
