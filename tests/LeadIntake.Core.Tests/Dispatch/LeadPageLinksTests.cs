using LeadIntake.Core.Contacts;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Leads;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Dispatch;

public sealed class LeadPageLinksTests
{
    private static readonly Lead Assigned = InStatus(LeadStatus.Assigned);

    private static ActionLinkClaims Claims(string rep, string nonce) => new(Assigned.Id, rep, RepAction.View, Monday.AddDays(14), nonce);

    [Fact]
    public void A_link_signed_for_the_current_assignment_opens_the_whole_lead()
    {
        var nonce = LeadPageLinks.NonceFor(Assigned.Assignment!);

        Assert.Equal(LeadPageAccess.Owner, LeadPageLinks.Decide(Claims("ALICE@corp.test", nonce), Assigned));
    }

    [Fact]
    public void A_reassignment_revokes_the_previous_reps_link()
    {
        var nonce = LeadPageLinks.NonceFor(Assigned.Assignment!);
        var reassigned = Assigned with { Assignment = new RepAssignment("bob@corp.test", "Bob", "sla", Monday.AddMinutes(30)) };

        Assert.Equal(LeadPageAccess.Reassigned, LeadPageLinks.Decide(Claims("alice@corp.test", nonce), reassigned));
    }

    [Fact]
    public void A_link_from_an_earlier_assignment_of_the_same_rep_is_out_of_date()
    {
        var nonce = LeadPageLinks.NonceFor(Assigned.Assignment!);
        var again = Assigned with { Assignment = Assigned.Assignment! with { AssignedAt = Monday.AddDays(40) } };

        Assert.Equal(LeadPageAccess.Outdated, LeadPageLinks.Decide(Claims("alice@corp.test", nonce), again));
    }

    [Fact]
    public void A_managers_link_opens_the_lead_whoever_owns_it()
    {
        var reassigned = Assigned with { Assignment = new RepAssignment("bob@corp.test", "Bob", "sla", Monday.AddMinutes(30)) };

        Assert.Equal(LeadPageAccess.Observer, LeadPageLinks.Decide(Claims("boss@corp.test", LeadPageLinks.ObserverNonce), reassigned));
    }

    [Fact]
    public void A_view_link_signed_for_one_assignment_survives_the_signer_round_trip()
    {
        var signer = new ActionLinkSigner(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var token = signer.Sign(Claims("alice@corp.test", LeadPageLinks.NonceFor(Assigned.Assignment!)));

        var valid = Assert.IsType<ActionLinkVerification.Valid>(signer.Verify(token, Assigned.Id, RepAction.View, Monday));
        Assert.Equal(LeadPageAccess.Owner, LeadPageLinks.Decide(valid.Claims, Assigned));
        Assert.IsType<ActionLinkVerification.Tampered>(signer.Verify(token, Assigned.Id, RepAction.Accept, Monday));
    }

    [Theory]
    [InlineData("+33329551240", "FR", "03 29 55 12 40")]
    [InlineData("+33329551240", null, "+33 3 29 55 12 40")]
    [InlineData("+33329551240", "GB", "+33 3 29 55 12 40")]
    [InlineData("+442079460000", "GB", "020 7946 0000")]
    [InlineData("not a phone", "FR", "not a phone")]
    public void Phones_show_in_national_format_for_a_reader_of_the_same_country_and_international_otherwise(string phone, string? region, string expected)
    {
        Assert.Equal(expected, PhoneNormaliser.Display(phone, region));
    }
}
