using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Screening;

public sealed class ReviewBandTests
{
    internal static Lead Held(string? message = "Hello, I wanted to know your price", DateTimeOffset? at = null)
    {
        var now = at ?? Monday;
        var lead = Mql(message: message, at: now);
        return lead.MovedTo(LeadStatus.Review, now) with
        {
            Status = LeadStatus.Review,
            Intent = LeadIntent.Commercial,
            Screening = new ScreeningDecision(LeadIntent.Commercial, 0.51, 2.5, ["model unsure: spam 0.49 / commercial 0.51"], "r1") { Language = "en", ReasonCodes = ["spam_combination", "commercial_words"] },
        };
    }

    [Fact]
    public void Confirming_spam_moves_a_lead_held_for_review_to_spam_with_who_and_when()
    {
        var later = Monday.AddHours(20);

        var change = Assert.IsType<LeadChange.Applied>(SpamConfirmation.Confirm(Held(), "marketing@corp.test", later));

        Assert.Equal(LeadStatus.Spam, change.Lead.Status);
        Assert.Equal(LeadIntent.Spam, change.Lead.Intent);
        Assert.Equal(later, change.Lead.StageTimes[LeadStatus.Spam]);
        var e = Assert.Single(change.Events);
        Assert.Equal((LeadEventType.SpamConfirmed, "marketing@corp.test", later), (e.Type, e.Actor, e.At));
        Assert.True(SpamConfirmation.WasReviewed(change.Lead));
    }

    [Fact]
    public void Confirming_spam_twice_changes_nothing_the_second_time()
    {
        var confirmed = ((LeadChange.Applied)SpamConfirmation.Confirm(Held(), "admin", Monday)).Lead;

        Assert.IsType<LeadChange.Unchanged>(SpamConfirmation.Confirm(confirmed, "admin", Monday.AddMinutes(1)));
    }

    [Theory]
    [InlineData(LeadStatus.Mql)]
    [InlineData(LeadStatus.Assigned)]
    [InlineData(LeadStatus.Captured)]
    public void Only_a_lead_in_review_can_be_confirmed_as_spam(LeadStatus status)
    {
        var rejected = Assert.IsType<LeadChange.Rejected>(SpamConfirmation.Confirm(Mql().MovedTo(status, Monday), "admin", Monday));

        Assert.Contains("review", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quarantined_lead_that_never_was_in_review_is_not_confirmed_again()
    {
        Assert.IsType<LeadChange.Rejected>(SpamConfirmation.Confirm(Mql().MovedTo(LeadStatus.Spam, Monday), "admin", Monday));
    }

    [Fact]
    public void Releasing_a_lead_held_for_review_sends_it_back_to_screening_without_the_spam_verdict()
    {
        var change = Assert.IsType<LeadChange.Applied>(QuarantineRelease.Release(Held(), "marketing@corp.test", null, Monday.AddHours(1)));

        Assert.Equal(LeadStatus.Captured, change.Lead.Status);
        Assert.True(change.Lead.ReleasedFromQuarantine);
        Assert.Contains("held for review", Assert.Single(change.Events).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LeadStatus.RoutedService)]
    [InlineData(LeadStatus.RoutedHr)]
    [InlineData(LeadStatus.RoutedOther)]
    public void A_routed_request_sent_back_to_sales_becomes_a_commercial_mql_naming_the_mailbox(LeadStatus routed)
    {
        var lead = Mql() with { Status = routed, Intent = LeadIntent.Service, StageTimes = new Dictionary<LeadStatus, DateTimeOffset> { [LeadStatus.Captured] = Monday, [routed] = Monday } };

        var change = Assert.IsType<LeadChange.Applied>(SalesReturn.Return(lead, "service@corp.test", Monday.AddHours(2)));

        Assert.Equal(LeadStatus.Mql, change.Lead.Status);
        Assert.Equal(LeadIntent.Commercial, change.Lead.Intent);
        var e = Assert.Single(change.Events);
        Assert.Equal((LeadEventType.ReturnedToSales, "service@corp.test"), (e.Type, e.Actor));
        Assert.Contains(WireNames.Of(routed), e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_already_back_with_sales_is_not_returned_twice()
    {
        var routed = Mql() with { Status = LeadStatus.RoutedService, StageTimes = new Dictionary<LeadStatus, DateTimeOffset> { [LeadStatus.RoutedService] = Monday } };
        var returned = ((LeadChange.Applied)SalesReturn.Return(routed, "service@corp.test", Monday)).Lead;

        Assert.IsType<LeadChange.Unchanged>(SalesReturn.Return(returned, "service@corp.test", Monday));
        Assert.IsType<LeadChange.Unchanged>(SalesReturn.Return(returned.MovedTo(LeadStatus.Assigned, Monday), "service@corp.test", Monday));
    }

    [Fact]
    public void A_quarantined_lead_cannot_be_sent_to_sales_by_a_mailbox()
    {
        var spam = Lead.Capture(Mql().Captured, LeadId.New(Monday), Monday).Lead.MovedTo(LeadStatus.Spam, Monday);

        Assert.IsType<LeadChange.Rejected>(SalesReturn.Return(spam, "service@corp.test", Monday));
    }
}
