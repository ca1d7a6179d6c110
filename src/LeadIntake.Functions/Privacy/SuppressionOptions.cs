using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// The <c>Privacy</c> settings of erasure: the secret of the suppression list's keyed hashes (HMAC-SHA256). A secret,
/// not a salt: without it nobody can test whether an address is on the list. Changing it empties the list in effect.
/// </summary>
internal sealed class SuppressionOptions
{
    public const string SectionName = "Privacy";

    [Required(ErrorMessage = "Privacy:SuppressionKey is required (base64 of at least 32 random bytes: openssl rand -base64 32).")]
    public string SuppressionKey { get; set; } = string.Empty;

    public byte[] KeyBytes()
    {
        var buffer = new byte[SuppressionKey.Length];
        return Convert.TryFromBase64String(SuppressionKey, buffer, out int n) ? buffer[..n] : [];
    }
}
