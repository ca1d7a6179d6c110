using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Dispatch;

/// <summary>Signed rep action links (<c>Links__*</c>). The key is a secret: Key Vault in production, never in the repo.</summary>
internal sealed class LinksOptions
{
    public const string SectionName = "Links";

    /// <summary>HMAC key for action links, base64, at least 32 bytes once decoded.</summary>
    [Required(ErrorMessage = "Links:SigningKey is required (base64 of at least 32 random bytes: openssl rand -base64 32).")]
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>How long a link in a rep mail stays valid.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00", ErrorMessage = "Links:Lifetime must be between 00:05:00 and 90.00:00:00.")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(14);

    public byte[] KeyBytes()
    {
        var buffer = new byte[SigningKey.Length];
        return Convert.TryFromBase64String(SigningKey, buffer, out int n) ? buffer[..n] : [];
    }
}
