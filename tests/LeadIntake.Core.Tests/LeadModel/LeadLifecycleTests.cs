using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Tests.LeadModel;

public sealed class LeadLifecycleTests
{
    [Theory]
    [InlineData(LeadStatus.Captured, LeadTrigger.MarkMql, LeadStatus.Mql)]
    [InlineData(LeadStatus.Captured, LeadTrigger.Quarantine, LeadStatus.Spam)]
    [InlineData(LeadStatus.Captured, LeadTrigger.RouteToService, LeadStatus.RoutedService)]
    [InlineData(LeadStatus.Mql, LeadTrigger.Assign, LeadStatus.Assigned)]
    [InlineData(LeadStatus.Assigned, LeadTrigger.Accept, LeadStatus.Accepted)]
    [InlineData(LeadStatus.Accepted, LeadTrigger.QualifySql, LeadStatus.Sql)]
    [InlineData(LeadStatus.Sql, LeadTrigger.CreateOpportunity, LeadStatus.Opportunity)]
    [InlineData(LeadStatus.Opportunity, LeadTrigger.Win, LeadStatus.Won)]
    [InlineData(LeadStatus.Sal, LeadTrigger.Nurture, LeadStatus.Nurture)]
    [InlineData(LeadStatus.Nurture, LeadTrigger.Retouch, LeadStatus.Mql)]
    [InlineData(LeadStatus.Spam, LeadTrigger.Release, LeadStatus.Captured)]
    public void Allowed_transitions_advance(LeadStatus from, LeadTrigger trigger, LeadStatus to) =>
        Assert.Equal(new TransitionOutcome.Advanced(to), LeadLifecycle.Decide(from, trigger));

    [Fact]
    public void A_repeated_trigger_finds_the_lead_already_there() =>
        Assert.Equal(new TransitionOutcome.AlreadyThere(LeadStatus.Mql), LeadLifecycle.Decide(LeadStatus.Mql, LeadTrigger.MarkMql));

    [Theory]
    [InlineData(LeadStatus.Captured, LeadTrigger.Win)]
    [InlineData(LeadStatus.Spam, LeadTrigger.Assign)]
    [InlineData(LeadStatus.Won, LeadTrigger.Nurture)]
    [InlineData(LeadStatus.RoutedHr, LeadTrigger.MarkMql)]
    public void Illegal_transitions_are_rejected_with_a_reason(LeadStatus from, LeadTrigger trigger)
    {
        var outcome = Assert.IsType<TransitionOutcome.Rejected>(LeadLifecycle.Decide(from, trigger));
        Assert.Contains(WireNames.Of(from), outcome.Reason);
    }

    [Fact]
    public void Every_trigger_has_a_row_in_the_table()
    {
        foreach (var trigger in Enum.GetValues<LeadTrigger>())
        {
            var exception = Record.Exception(() => LeadLifecycle.Decide(LeadStatus.Captured, trigger));
            Assert.Null(exception);
        }
    }

    [Fact]
    public void Moving_records_the_first_time_a_status_is_reached()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var (lead, _) = Lead.Capture(new CapturedLead { Channel = Channel.Form, Provider = "web", Contact = new Contact { Email = "a@b.example" } }, LeadId.New(t0), t0);

        var moved = lead.MovedTo(LeadStatus.Mql, t0.AddSeconds(1)).MovedTo(LeadStatus.Nurture, t0.AddSeconds(2)).MovedTo(LeadStatus.Mql, t0.AddSeconds(3));

        Assert.Equal(LeadStatus.Mql, moved.Status);
        Assert.Equal(t0.AddSeconds(1), moved.StageTimes[LeadStatus.Mql]);
        Assert.Equal(t0, moved.StageTimes[LeadStatus.Captured]);
    }
}
