using System.Security.Cryptography;

namespace LeadIntake.Core.Intake.Signatures;

/// <summary>
/// Meta's <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256(app secret, raw body)&gt;</c>
/// (https://developers.facebook.com/docs/graph-api/webhooks/getting-started/). Meta signs the bytes as sent, with
/// non-ASCII escaped as <c>\uXXXX</c>: verify the raw body, never a re-serialisation.
/// </summary>
public static class MetaSignature
{
    public const string HeaderName = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public static SignatureVerdict Verify(string appSecret, ReadOnlySpan<byte> rawBody, string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return SignatureVerdict.Missing;
        var value = header.Trim();
        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return SignatureVerdict.Mismatch;
        var expected = Compute(appSecret, rawBody);
        return ConstantTime.TextEquals(Prefix + value[Prefix.Length..].ToLowerInvariant(), expected)
            ? SignatureVerdict.Valid
            : SignatureVerdict.Mismatch;
    }

    /// <summary>The header value Meta would send for this body.</summary>
    public static string Compute(string appSecret, ReadOnlySpan<byte> rawBody) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(appSecret), rawBody));
}
