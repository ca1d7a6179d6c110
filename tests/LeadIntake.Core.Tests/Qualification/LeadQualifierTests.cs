using LeadIntake.Core.Leads;
using LeadIntake.Core.Qualification;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Qualification;

public sealed class LeadQualifierTests
{
    private static readonly BantRecord Complete = new()
    {
        Budget = new BudgetAnswer(null, 20_000m, 40_000m),
        Authority = new AuthorityAnswer(AuthorityLevel.DecisionMaker, "Plant manager"),
        Need = "Replace two CNC machines",
        Timing = new TimingAnswer(null, TimingHorizon.WithinQuarter),
    };

    [Fact]
    public void Accept_moves_an_assigned_lead_and_records_when()
    {
        var applied = Assert.IsType<LeadChange.Applied>(LeadQualifier.Accept(InStatus(LeadStatus.Assigned), "ALICE@corp.test", Monday.AddMinutes(2)));

        Assert.Equal(LeadStatus.Accepted, applied.Lead.Status);
        Assert.Equal(Monday.AddMinutes(2), applied.Lead.RepAcceptedAt);
        Assert.Equal(new LeadEvent(LeadEventType.Accepted, Monday.AddMinutes(2), "ALICE@corp.test"), applied.Events[0]);
    }

    [Fact]
    public void Accept_by_a_rep_the_lead_was_taken_from_is_rejected() =>
        Assert.IsType<LeadChange.Rejected>(LeadQualifier.Accept(InStatus(LeadStatus.Assigned), "bob@corp.test", Monday));

    [Fact]
    public void Accept_twice_is_unchanged_the_second_time() =>
        Assert.IsType<LeadChange.Unchanged>(LeadQualifier.Accept(InStatus(LeadStatus.Accepted), "alice@corp.test", Monday));

    [Fact]
    public void Complete_bant_with_timing_within_the_horizon_makes_the_lead_sal_through_sql()
    {
        var applied = Assert.IsType<LeadChange.Applied>(LeadQualifier.Qualify(InStatus(LeadStatus.Accepted), Complete, QualificationPolicy.Default, "alice@corp.test", Monday));

        Assert.Equal(LeadStatus.Sal, applied.Lead.Status);
        Assert.True(applied.Lead.StageTimes.ContainsKey(LeadStatus.Sql));
        Assert.Equal([LeadEventType.BantRecorded, LeadEventType.QualifiedSql, LeadEventType.QualifiedSal], applied.Events.Select(e => e.Type));
        Assert.Equal(Complete, applied.Lead.Bant);
    }

    [Fact]
    public void Complete_bant_with_a_far_timing_stops_at_sql()
    {
        var far = Complete with { Timing = new TimingAnswer(new DateOnly(2026, 6, 1)) };

        var applied = Assert.IsType<LeadChange.Applied>(LeadQualifier.Qualify(InStatus(LeadStatus.Accepted), far, QualificationPolicy.Default, "alice@corp.test", Monday));

        Assert.Equal(LeadStatus.Sql, applied.Lead.Status);
    }

    [Fact]
    public void The_sal_horizon_is_configurable()
    {
        var policy = new QualificationPolicy { SalHorizon = TimeSpan.FromDays(500) };
        var far = Complete with { Timing = new TimingAnswer(new DateOnly(2026, 6, 1)) };

        var applied = Assert.IsType<LeadChange.Applied>(LeadQualifier.Qualify(InStatus(LeadStatus.Accepted), far, policy, "alice@corp.test", Monday));

        Assert.Equal(LeadStatus.Sal, applied.Lead.Status);
    }

    [Fact]
    public void Partial_bant_is_recorded_without_moving_the_lead_and_says_what_is_missing()
    {
        var partial = Complete with { Budget = null, Timing = new TimingAnswer(null) };

        var applied = Assert.IsType<LeadChange.Applied>(LeadQualifier.Qualify(InStatus(LeadStatus.Accepted), partial, QualificationPolicy.Default, "alice@corp.test", Monday));

        Assert.Equal(LeadStatus.Accepted, applied.Lead.Status);
        Assert.Equal("missing: budget, timing", Assert.Single(applied.Events).Detail);
    }

    [Theory]
    [InlineData(DisqualifyReason.NoBudget, LeadStatus.Nurture, NurtureReason.NoBudget)]
    [InlineData(DisqualifyReason.NotDecisionMaker, LeadStatus.Nurture, NurtureReason.NotDecisionMaker)]
    [InlineData(DisqualifyReason.NoNeed, LeadStatus.Nurture, NurtureReason.NoNeed)]
    [InlineData(DisqualifyReason.TimingTooFar, LeadStatus.Nurture, NurtureReason.TimingTooFar)]
    public void Not_now_reasons_send_the_lead_to_nurture(DisqualifyReason reason, LeadStatus status, NurtureReason nurture)
    {
        var applied = Assert.IsType<LeadChange.Applied>(LeadQualifier.Disqualify(InStatus(LeadStatus.Accepted), reason, "call back in Q3", "alice@corp.test", Monday));

        Assert.Equal(status, applied.Lead.Status);
        Assert.Equal(nurture, applied.Lead.NurtureReason);
        Assert.Equal(new Disqualification(reason, "call back in Q3", "alice@corp.test", Monday), applied.Lead.Disqualification);
        Assert.Equal(new LeadEvent(LeadEventType.Disqualified, Monday, "alice@corp.test", WireNames.Of(reason)), applied.Events[0]);
    }

    [Theory]
    [InlineData(DisqualifyReason.Duplicate, LeadStatus.Lost, LostReason.Duplicate)]
    [InlineData(DisqualifyReason.WrongPerson, LeadStatus.Lost, LostReason.WrongPerson)]
    public void Duplicates_and_wrong_people_are_closed_as_lost_corrections(DisqualifyReason reason, LeadStatus status, LostReason lost)
    {
        var applied = Assert.IsType<LeadChange.Applied>(LeadQualifier.Disqualify(InStatus(LeadStatus.Assigned), reason, null, "alice@corp.test", Monday));

        Assert.Equal(status, applied.Lead.Status);
        Assert.Equal(lost, applied.Lead.LostReason);
    }

    [Fact]
    public void Spam_goes_back_to_quarantine()
    {
        var applied = Assert.IsType<LeadChange.Applied>(LeadQualifier.Disqualify(InStatus(LeadStatus.Assigned), DisqualifyReason.Spam, null, "alice@corp.test", Monday));

        Assert.Equal(LeadStatus.Spam, applied.Lead.Status);
    }

    [Fact]
    public void Opportunity_then_won_follow_a_qualified_lead()
    {
        var opportunity = Assert.IsType<LeadChange.Applied>(LeadQualifier.CreateOpportunity(InStatus(LeadStatus.Sal), "alice@corp.test", Monday)).Lead;
        var won = Assert.IsType<LeadChange.Applied>(LeadQualifier.Win(opportunity, "alice@corp.test", Monday.AddDays(9))).Lead;

        Assert.Equal(LeadStatus.Won, won.Status);
        Assert.Equal(Monday.AddDays(9), won.StageTimes[LeadStatus.Won]);
    }

    [Fact]
    public void Lost_carries_its_reason()
    {
        var applied = Assert.IsType<LeadChange.Applied>(LeadQualifier.Lose(InStatus(LeadStatus.Opportunity), LostReason.Competitor, "alice@corp.test", Monday));

        Assert.Equal(LostReason.Competitor, applied.Lead.LostReason);
        Assert.Equal("competitor", applied.Events[0].Detail);
    }

    [Theory]
    [InlineData(LeadStatus.Mql)]
    [InlineData(LeadStatus.Assigned)]
    [InlineData(LeadStatus.Lost)]
    public void Winning_without_an_opportunity_is_rejected_with_a_reason(LeadStatus status)
    {
        var rejected = Assert.IsType<LeadChange.Rejected>(LeadQualifier.Win(InStatus(status), "alice@corp.test", Monday));

        Assert.Contains("allowed from: opportunity", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Winning_a_won_lead_again_is_unchanged() =>
        Assert.IsType<LeadChange.Unchanged>(LeadQualifier.Win(InStatus(LeadStatus.Won), "alice@corp.test", Monday));

    [Fact]
    public void Qualifying_a_lost_lead_is_rejected() =>
        Assert.IsType<LeadChange.Rejected>(LeadQualifier.Qualify(InStatus(LeadStatus.Lost), Complete, QualificationPolicy.Default, "alice@corp.test", Monday));

    [Fact]
    public void Disqualifying_a_won_lead_is_rejected() =>
        Assert.IsType<LeadChange.Rejected>(LeadQualifier.Disqualify(InStatus(LeadStatus.Won), DisqualifyReason.NoBudget, null, "alice@corp.test", Monday));
}
