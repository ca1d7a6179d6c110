using System.Security.Cryptography;
using System.Text;

namespace LeadIntake.Core.Intake.Signatures;

/// <summary>Constant-time comparison of texts (signatures, tokens, passwords): the time taken never tells how much matched.</summary>
internal static class ConstantTime
{
    /// <summary>
    /// Compares the UTF-8 bytes through SHA-256 first, so unequal lengths take the same time as equal ones and the
    /// expected value's length is not revealed either.
    /// </summary>
    public static bool TextEquals(string? presented, string expected)
    {
        if (presented is null) return false;
        Span<byte> a = stackalloc byte[32];
        Span<byte> b = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
