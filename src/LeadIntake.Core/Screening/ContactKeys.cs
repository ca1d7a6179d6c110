using System.Security.Cryptography;
using System.Text;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Screening;

/// <summary>
/// The keys under which a lead is indexed by contact (the <c>Contacts</c> table's partition keys): <c>e:{sha256 of the
/// email}</c>, <c>p:{sha256 of the E.164 phone}</c>, <c>c:{client fingerprint}</c>. Hashes only, so no personal data
/// sits in a key; erasure by email computes the same <see cref="ForEmail"/> key.
/// </summary>
public static class ContactKeys
{
    /// <summary>The email key: the whole address lower-cased (two spellings of one mailbox meet), SHA-256, lower hex.</summary>
    public static string? ForEmail(string? email)
    {
        var value = email?.Trim();
        return string.IsNullOrEmpty(value) ? null : "e:" + Sha256Hex(value.ToLowerInvariant());
    }

    /// <summary>The phone key, only for a number in E.164 (a national number can't be matched across leads).</summary>
    public static string? ForPhone(string? phone) =>
        phone is { Length: > 1 } p && p[0] == '+' ? "p:" + Sha256Hex(p) : null;

    /// <summary>The client key: the fingerprint intake recorded (already a hash of the client address).</summary>
    public static string? ForClient(string? fingerprint)
    {
        if (string.IsNullOrWhiteSpace(fingerprint)) return null;
        // A fingerprint is hex today; anything else is hashed so it can never hold a character a key refuses.
        return fingerprint.All(char.IsAsciiHexDigit) ? "c:" + fingerprint.ToLowerInvariant() : "c:" + Sha256Hex(fingerprint);
    }

    /// <summary>The contact's keys (email, phone) and the client's, for a lead whose contact is normalised.</summary>
    public static ContactKeySet For(Contact contact, AntiBotSignals signals) =>
        new(ForEmail(contact.Email), ForPhone(contact.Phone), ForClient(signals.ClientFingerprint));

    private static string Sha256Hex(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
