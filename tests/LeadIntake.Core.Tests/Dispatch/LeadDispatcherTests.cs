using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Leads;
using static LeadIntake.Core.Tests.Dispatch.SampleDirectory;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Dispatch;

public sealed class LeadDispatcherTests
{
    private static AssignmentDecision Decide(Lead lead)
    {
        var directory = With(Rep("Alice"));
        var route = LeadAssigner.Route(lead, directory, [FrIndustry]);
        return LeadAssigner.Assign(lead, directory, route, TeamRotation.Start(route.Team.Id), null, Monday);
    }

    [Fact]
    public void Dispatch_assigns_an_mql_with_its_team_sla_deadline_and_explained_event()
    {
        var lead = Mql(message: "usinage");
        var decision = Decide(lead);

        var applied = Assert.IsType<LeadChange.Applied>(LeadDispatcher.Dispatch(lead, decision, Monday));

        Assert.Equal(LeadStatus.Assigned, applied.Lead.Status);
        Assert.Equal("industry", applied.Lead.AssignedTeam);
        Assert.Equal(Monday.AddMinutes(5), applied.Lead.SlaDueAt);
        Assert.Equal(new LeadEvent(LeadEventType.Assigned, Monday, "dispatch", decision.Assignment.Reason), Assert.Single(applied.Events));
    }

    [Fact]
    public void Dispatch_of_a_lead_already_assigned_is_unchanged_on_duplicate_delivery()
    {
        var lead = InStatus(LeadStatus.Assigned);

        Assert.IsType<LeadChange.Unchanged>(LeadDispatcher.Dispatch(lead, Decide(lead), Monday));
    }

    [Fact]
    public void Dispatch_of_a_lead_still_captured_is_rejected()
    {
        var lead = Mql() with { Status = LeadStatus.Captured };

        Assert.IsType<LeadChange.Rejected>(LeadDispatcher.Dispatch(lead, Decide(lead), Monday));
    }
}
