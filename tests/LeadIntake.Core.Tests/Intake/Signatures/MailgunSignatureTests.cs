using LeadIntake.Core.Intake.Signatures;

namespace LeadIntake.Core.Tests.Intake.Signatures;

// Official vector: mailgun/mailgun-php tests/Api/WebhookTest.php @03357e25 (docs/providers.md, 'Mailgun routes').
public sealed class MailgunSignatureTests
{
    private const string Key = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    private const string Timestamp = "1403645220";
    private const string Token = "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6";
    private const string Signature = "9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1403645220);

    [Fact]
    public void Mailgun_signature_matches_official_vector() =>
        Assert.Equal(SignatureVerdict.Valid, MailgunSignature.Verify(Key, Timestamp, Token, Signature, SignedAt.AddMinutes(1), MailgunSignature.DefaultMaxAge));

    [Fact]
    public void Mailgun_signature_accepts_uppercase_hex() =>
        Assert.True(MailgunSignature.IsSignedBy(Key, Timestamp, Token, Signature.ToUpperInvariant()));

    [Fact]
    public void Mailgun_signature_rejects_official_wrong_token_vector() =>
        Assert.Equal(SignatureVerdict.Mismatch, MailgunSignature.Verify(
            Key, Timestamp, "owyldpe6nxhmrn78epljl6bj0orrki1u3d2v5e6cnlmmuox8jr", Signature, SignedAt, MailgunSignature.DefaultMaxAge));

    [Fact]
    public void Mailgun_signature_rejects_official_empty_vector()
    {
        Assert.False(MailgunSignature.IsSignedBy(Key, "0", "", ""));
        Assert.Equal(SignatureVerdict.Missing, MailgunSignature.Verify(Key, "0", "", "", SignedAt, MailgunSignature.DefaultMaxAge));
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(16)]
    [InlineData(60 * 24 * 365)]
    public void Mailgun_signature_with_a_timestamp_outside_the_window_is_stale(int minutes) =>
        Assert.Equal(SignatureVerdict.Stale, MailgunSignature.Verify(Key, Timestamp, Token, Signature, SignedAt.AddMinutes(minutes), TimeSpan.FromMinutes(15)));

    [Fact]
    public void Mailgun_signature_window_is_configurable() =>
        Assert.Equal(SignatureVerdict.Valid, MailgunSignature.Verify(Key, Timestamp, Token, Signature, SignedAt.AddHours(2), TimeSpan.FromHours(3)));

    [Fact]
    public void Mailgun_signature_matches_self_computed_route_example() =>
        // A realistic route POST, signed with a made-up key (self-computed, not official).
        Assert.True(MailgunSignature.IsSignedBy("mg_signing_key_example", "1767225600",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "367c92e363f54d535cd69866ecde30115eea34810647f281d2a3366e8a98c3a4"));
}
