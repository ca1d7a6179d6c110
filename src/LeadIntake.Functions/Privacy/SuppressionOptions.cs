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

    /// <summary>
    /// How often an instance reads the suppression rows added since its last read (one query; erasures made by this
    /// instance count at once). A lead screened elsewhere within this time after an erasure request is not yet
    /// recognised as suppressed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Privacy:SuppressionRefreshInterval must be between 00:00:00.100 and 00:10:00.")]
    public TimeSpan SuppressionRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    public byte[] KeyBytes()
    {
        var buffer = new byte[SuppressionKey.Length];
        return Convert.TryFromBase64String(SuppressionKey, buffer, out int n) ? buffer[..n] : [];
    }
}
