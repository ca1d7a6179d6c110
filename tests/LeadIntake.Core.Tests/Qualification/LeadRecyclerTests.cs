using LeadIntake.Core.Leads;
using LeadIntake.Core.Qualification;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Qualification;

public sealed class LeadRecyclerTests
{
    private static readonly RecyclePolicy ThirtyDays = new() { StaleAfter = TimeSpan.FromDays(30) };

    [Fact]
    public void An_sql_without_progress_for_the_configured_days_goes_to_nurture_with_the_reason()
    {
        var stale = InStatus(LeadStatus.Sql) with { LastProgressAt = Monday };

        var applied = Assert.IsType<LeadChange.Applied>(LeadRecycler.Recycle(stale, ThirtyDays, Monday.AddDays(30)));

        Assert.Equal(LeadStatus.Nurture, applied.Lead.Status);
        Assert.Equal(NurtureReason.NoProgress, applied.Lead.NurtureReason);
        Assert.Equal("no_progress: no progress in sql for 30 days", applied.Events[0].Detail);
    }

    [Fact]
    public void A_progressing_opportunity_stays()
    {
        var fresh = InStatus(LeadStatus.Opportunity) with { LastProgressAt = Monday.AddDays(10) };

        Assert.IsType<LeadChange.Unchanged>(LeadRecycler.Recycle(fresh, ThirtyDays, Monday.AddDays(30)));
    }

    [Fact]
    public void An_accepted_lead_is_not_the_recyclers_business() =>
        Assert.IsType<LeadChange.Unchanged>(LeadRecycler.Recycle(InStatus(LeadStatus.Accepted), ThirtyDays, Monday.AddDays(300)));

    [Fact]
    public void A_new_touch_brings_a_nurtured_lead_back_to_mql_ready_for_dispatch()
    {
        var nurtured = InStatus(LeadStatus.Nurture) with { PreviousAssignees = ["bob@corp.test"], ReassignmentCount = 1, SlaDueAt = Monday };

        var applied = Assert.IsType<LeadChange.Applied>(LeadRecycler.Retouch(nurtured, "intake", Monday.AddDays(60)));

        Assert.Equal(LeadStatus.Mql, applied.Lead.Status);
        Assert.Null(applied.Lead.Assignment);
        Assert.Empty(applied.Lead.PreviousAssignees);
        Assert.Equal(0, applied.Lead.ReassignmentCount);
        Assert.Equal(new LeadEvent(LeadEventType.Retouched, Monday.AddDays(60), "intake"), applied.Events[0]);
    }

    [Fact]
    public void A_touch_on_a_lead_not_in_nurture_is_rejected() =>
        Assert.IsType<LeadChange.Rejected>(LeadRecycler.Retouch(InStatus(LeadStatus.Sql), "intake", Monday));
}
