using LeadIntake.Core.Leads;
using LeadIntake.Core.Privacy;

namespace LeadIntake.Core.Tests.Privacy;

public sealed class RetentionPolicyTests
{
    private static readonly DateTimeOffset Captured = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly RetentionPeriods Defaults = new();

    private static Lead Lead(LeadStatus status, TimeSpan? movedAfter = null) =>
        SampleLeads.Mql(at: Captured).MovedTo(status, Captured + (movedAfter ?? TimeSpan.Zero));

    public static TheoryData<LeadStatus, TimeSpan, RetentionClass, TimeSpan> Classes => new()
    {
        // status, moved to it after capture, class, due after capture
        { LeadStatus.Spam, TimeSpan.Zero, RetentionClass.Spam, TimeSpan.FromDays(30) },
        { LeadStatus.RoutedService, TimeSpan.FromMinutes(1), RetentionClass.Routed, TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1) },
        { LeadStatus.RoutedHr, TimeSpan.FromMinutes(2), RetentionClass.Routed, TimeSpan.FromDays(30) + TimeSpan.FromMinutes(2) },
        { LeadStatus.RoutedOther, TimeSpan.FromHours(1), RetentionClass.Routed, TimeSpan.FromDays(30) + TimeSpan.FromHours(1) },
        { LeadStatus.Won, TimeSpan.FromDays(200), RetentionClass.Won, TimeSpan.FromDays(290) },
        { LeadStatus.Mql, TimeSpan.Zero, RetentionClass.Prospect, TimeSpan.FromDays(1095) },
        { LeadStatus.Assigned, TimeSpan.FromDays(1), RetentionClass.Prospect, TimeSpan.FromDays(1095) },
        { LeadStatus.Lost, TimeSpan.FromDays(40), RetentionClass.Prospect, TimeSpan.FromDays(1095) },
        { LeadStatus.Nurture, TimeSpan.FromDays(60), RetentionClass.Prospect, TimeSpan.FromDays(1095) },
        { LeadStatus.Review, TimeSpan.Zero, RetentionClass.Prospect, TimeSpan.FromDays(1095) },
        { LeadStatus.Opportunity, TimeSpan.FromDays(90), RetentionClass.Prospect, TimeSpan.FromDays(1095) },
    };

    [Theory]
    [MemberData(nameof(Classes))]
    public void Each_status_falls_in_its_class_and_becomes_due_after_its_period(LeadStatus status, TimeSpan movedAfter, RetentionClass expectedClass, TimeSpan dueAfter)
    {
        var verdict = RetentionPolicy.Evaluate(new RetentionFacts(Lead(status, movedAfter)), Defaults)!;

        Assert.Equal(expectedClass, verdict.Class);
        Assert.Equal(Captured + dueAfter, verdict.DueAt);
        Assert.False(verdict.IsDue(verdict.DueAt - TimeSpan.FromTicks(1)));
        Assert.True(verdict.IsDue(verdict.DueAt));
    }

    [Fact]
    public void A_purged_lead_is_never_due_again()
    {
        var purged = LeadRedaction.Skeleton(Lead(LeadStatus.Spam), PurgeReason.Retention, Captured + TimeSpan.FromDays(31));

        Assert.Null(RetentionPolicy.Evaluate(new RetentionFacts(purged), Defaults));
    }

    [Fact]
    public void Spam_confirmed_by_a_person_later_runs_from_the_confirmation()
    {
        var confirmedAt = Captured + TimeSpan.FromDays(10);
        var events = new[] { new LeadEvent(LeadEventType.SpamConfirmed, confirmedAt, "admin", "correction: spam") };

        var verdict = RetentionPolicy.Evaluate(new RetentionFacts(Lead(LeadStatus.Spam), Events: events), Defaults)!;

        Assert.Equal(confirmedAt + TimeSpan.FromDays(30), verdict.DueAt);
    }

    [Fact]
    public void A_prospect_who_wrote_again_after_two_years_restarts_the_three_year_clock()
    {
        var again = Captured + TimeSpan.FromDays(730);
        var lead = Lead(LeadStatus.Nurture) with { Touches = [LeadId.New(again).Value] };

        var verdict = RetentionPolicy.Evaluate(new RetentionFacts(lead), Defaults)!;

        Assert.Equal(again, verdict.From);
        Assert.False(verdict.IsDue(Captured + TimeSpan.FromDays(1095)));
        Assert.True(verdict.IsDue(again + TimeSpan.FromDays(1095)));
    }

    [Fact]
    public void A_newer_lead_of_the_same_contact_restarts_the_prospect_clock()
    {
        var again = Captured + TimeSpan.FromDays(800);

        var verdict = RetentionPolicy.Evaluate(new RetentionFacts(Lead(LeadStatus.Lost), ContactLastTouchAt: again), Defaults)!;

        Assert.Equal(again + TimeSpan.FromDays(1095), verdict.DueAt);
    }

    [Fact]
    public void A_merged_call_update_counts_as_a_contact_from_the_prospect()
    {
        var callback = Captured + TimeSpan.FromDays(3);
        var events = new[] { new LeadEvent(LeadEventType.CallUpdated, callback, "intake", "call/twilio/completed") };

        Assert.Equal(callback, RetentionPolicy.LastInboundContact(new RetentionFacts(Lead(LeadStatus.Mql), Events: events)));
    }

    [Theory]
    [InlineData(LeadEventType.Accepted)]
    [InlineData(LeadEventType.BantRecorded)]
    [InlineData(LeadEventType.Nurtured)]
    [InlineData(LeadEventType.SlaReminded)]
    public void What_the_company_did_does_not_restart_the_prospect_clock(LeadEventType companyAction)
    {
        var events = new[] { new LeadEvent(companyAction, Captured + TimeSpan.FromDays(500), "rep") };

        var verdict = RetentionPolicy.Evaluate(new RetentionFacts(Lead(LeadStatus.Sql), Events: events), Defaults)!;

        Assert.Equal(Captured + TimeSpan.FromDays(1095), verdict.DueAt);
    }

    [Fact]
    public void More_facts_never_make_a_lead_due_earlier()
    {
        var later = Captured + TimeSpan.FromDays(100);
        foreach (var status in Enum.GetValues<LeadStatus>())
        {
            var lead = Lead(status);
            var cheap = RetentionPolicy.Evaluate(new RetentionFacts(lead), Defaults)!;
            var full = RetentionPolicy.Evaluate(new RetentionFacts(lead,
                Events: [new LeadEvent(LeadEventType.SpamConfirmed, later, "admin"), new LeadEvent(LeadEventType.Touch, later, "screening")],
                ContactLastTouchAt: later), Defaults)!;
            Assert.True(full.DueAt >= cheap.DueAt, $"{status}: {full.DueAt} < {cheap.DueAt}");
        }
    }

    [Fact]
    public void Periods_come_from_the_settings()
    {
        var periods = new RetentionPeriods { WonAfterHandOff = TimeSpan.FromDays(7) };
        var won = Lead(LeadStatus.Won, TimeSpan.FromDays(20));

        Assert.Equal(Captured + TimeSpan.FromDays(27), RetentionPolicy.Evaluate(new RetentionFacts(won), periods)!.DueAt);
        Assert.Equal(TimeSpan.FromDays(7), periods.ShortestLeadPeriod);
    }

    [Fact]
    public void Raw_payloads_are_due_after_their_own_period_whatever_the_lead()
    {
        Assert.Equal(Captured + TimeSpan.FromDays(90), RetentionPolicy.RawPayloadDueAt(Captured, Defaults));
    }
}
