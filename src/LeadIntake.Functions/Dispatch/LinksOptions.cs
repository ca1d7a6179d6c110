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

    /// <summary>
    /// Keys used before a rotation, comma-separated base64: links signed with them stay valid until they expire, new
    /// links use <see cref="SigningKey"/>. Remove one once <see cref="Lifetime"/> has passed since the rotation.
    /// </summary>
    public string? PreviousSigningKeys { get; set; }

    public byte[] KeyBytes() => Decode(SigningKey);

    /// <summary>The previous keys decoded; an unreadable or short one is an empty array (refused at start).</summary>
    public IReadOnlyList<byte[]> PreviousKeyBytes() =>
        (PreviousSigningKeys ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Decode).ToArray();

    private static byte[] Decode(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out int n) ? buffer[..n] : [];
    }
}
