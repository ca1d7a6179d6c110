using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Dispatch;

public sealed class ActionLinkSignerTests
{
    private static readonly ActionLinkSigner Signer = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly LeadId Id = LeadId.New(Monday);
    private static readonly ActionLinkClaims Claims = new(Id, "alice@corp.test", RepAction.Accept, Monday.AddDays(7), "n0nce");

    [Fact]
    public void A_signed_token_verifies_with_its_claims_and_is_url_safe()
    {
        var token = Signer.Sign(Claims);

        var result = Assert.IsType<ActionLinkVerification.Valid>(Signer.Verify(token, Id, RepAction.Accept, Monday));
        Assert.Equal(Claims, result.Claims);
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('/', token);
        Assert.DoesNotContain('=', token);
    }

    [Fact]
    public void A_token_at_or_after_its_expiry_is_expired()
    {
        var token = Signer.Sign(Claims);

        Assert.IsType<ActionLinkVerification.Expired>(Signer.Verify(token, Monday.AddDays(7)));
    }

    [Fact]
    public void A_token_with_a_changed_payload_is_tampered()
    {
        var token = Signer.Sign(Claims);
        var forged = Signer.Sign(Claims with { RepEmail = "mallory@corp.test" });
        var spliced = forged[..forged.IndexOf('.', StringComparison.Ordinal)] + token[token.IndexOf('.', StringComparison.Ordinal)..];

        Assert.IsType<ActionLinkVerification.Tampered>(Signer.Verify(spliced, Monday));
    }

    [Fact]
    public void A_token_signed_with_another_key_is_tampered()
    {
        var other = new ActionLinkSigner(new byte[32]);

        Assert.IsType<ActionLinkVerification.Tampered>(Signer.Verify(other.Sign(Claims), Monday));
    }

    [Fact]
    public void A_genuine_token_used_for_another_action_or_lead_is_tampered()
    {
        var token = Signer.Sign(Claims);

        Assert.IsType<ActionLinkVerification.Tampered>(Signer.Verify(token, Id, RepAction.Disqualify, Monday));
        Assert.IsType<ActionLinkVerification.Tampered>(Signer.Verify(token, LeadId.New(Monday.AddSeconds(1)), RepAction.Accept, Monday));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    public void Garbage_is_malformed(string token) =>
        Assert.IsType<ActionLinkVerification.Malformed>(Signer.Verify(token, Monday));

    [Fact]
    public void A_short_key_is_refused() =>
        Assert.Throws<ArgumentException>(() => new ActionLinkSigner(new byte[16]));

    [Fact]
    public void Links_carry_one_token_per_action_each_with_its_own_nonce()
    {
        int n = 0;
        var links = RepActionLinks.Create(Signer, "https://leads.test/api/rep/leads/x/", "https://leads.test/leads/x", Id, "alice@corp.test", Monday.AddDays(7), () => $"n{n++}");

        Assert.StartsWith("https://leads.test/api/rep/leads/x/accept?t=", links.Accept, StringComparison.Ordinal);
        var token = links.Disqualify[(links.Disqualify.IndexOf("?t=", StringComparison.Ordinal) + 3)..];
        var valid = Assert.IsType<ActionLinkVerification.Valid>(Signer.Verify(token, Id, RepAction.Disqualify, Monday));
        Assert.Equal("n2", valid.Claims.Nonce);
    }

    [Fact]
    public void A_link_signed_before_a_key_rotation_still_verifies_while_the_old_key_is_listed_as_previous()
    {
        var oldKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var newKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
        var token = new ActionLinkSigner(oldKey).Sign(Claims);

        var rotated = new ActionLinkSigner(newKey, [oldKey]);

        Assert.IsType<ActionLinkVerification.Valid>(rotated.Verify(token, Id, RepAction.Accept, Monday));
        Assert.IsType<ActionLinkVerification.Tampered>(new ActionLinkSigner(newKey).Verify(token, Monday));
        // New links are signed with the new key only: once the old key is dropped they still verify.
        Assert.IsType<ActionLinkVerification.Valid>(new ActionLinkSigner(newKey).Verify(rotated.Sign(Claims), Monday));
    }

    [Fact]
    public void A_short_previous_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ActionLinkSigner(new byte[32], [new byte[16]]));
    }
}
