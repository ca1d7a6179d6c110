using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Sla;
using LeadIntake.Core.Leads;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Dispatch;

public sealed class SlaWatchTests
{
    private static readonly TeamSla Sla = new() { AcceptWithin = TimeSpan.FromMinutes(5), ReassignAfter = TimeSpan.FromMinutes(15), MaxReassignments = 2 };
    private static readonly Lead Assigned = InStatus(LeadStatus.Assigned) with { SlaDueAt = Monday.AddMinutes(5) };

    [Fact]
    public void Nothing_is_due_before_the_first_deadline_and_the_timer_is_told_when_to_look_again()
    {
        Assert.Equal(new SlaDecision(SlaAction.None, Monday.AddMinutes(5)), SlaWatch.Decide(Assigned, Sla, Monday.AddMinutes(4)));
    }

    [Fact]
    public void The_rep_is_reminded_at_the_first_deadline_once()
    {
        Assert.Equal(SlaAction.Remind, SlaWatch.Decide(Assigned, Sla, Monday.AddMinutes(5)).Action);

        var reminded = Assert.IsType<LeadChange.Applied>(SlaWatch.MarkReminded(Assigned, SlaAction.Remind, Monday.AddMinutes(5))).Lead;
        Assert.Equal(new SlaDecision(SlaAction.None, Monday.AddMinutes(15)), SlaWatch.Decide(reminded, Sla, Monday.AddMinutes(6)));
    }

    [Fact]
    public void The_lead_is_reassigned_at_the_second_deadline()
    {
        Assert.Equal(SlaAction.Reassign, SlaWatch.Decide(Assigned with { RemindedAt = Monday.AddMinutes(5) }, Sla, Monday.AddMinutes(15)).Action);
    }

    [Fact]
    public void An_accepted_lead_is_out_of_the_sla()
    {
        Assert.Equal(new SlaDecision(SlaAction.None, null), SlaWatch.Decide(Assigned.MovedTo(LeadStatus.Accepted, Monday), Sla, Monday.AddHours(1)));
    }

    [Fact]
    public void At_the_reassignment_limit_the_manager_is_told_once_instead()
    {
        var tired = Assigned with { ReassignmentCount = 2 };

        Assert.Equal(SlaAction.Escalate, SlaWatch.Decide(tired, Sla, Monday.AddMinutes(20)).Action);
        var escalated = Assert.IsType<LeadChange.Applied>(SlaWatch.MarkReminded(tired, SlaAction.Escalate, Monday.AddMinutes(20)));
        Assert.Equal(LeadEventType.SlaEscalated, escalated.Events[0].Type);
        Assert.Equal(SlaAction.None, SlaWatch.Decide(escalated.Lead, Sla, Monday.AddMinutes(25)).Action);
    }

    [Fact]
    public void When_no_other_rep_can_take_the_lead_the_reassignment_is_unchanged_and_the_escalation_ends_the_watch()
    {
        var directory = SampleDirectory.With(SampleDirectory.Rep("Alice"));
        var now = Monday.AddMinutes(15);
        var decision = LeadAssigner.Reassign(Assigned, directory, TeamRotation.Start("industry"), now);
        Assert.Equal(AssignmentMethod.FallbackOwner, decision.Method);
        var stuck = Assigned with { Assignment = Assigned.Assignment! with { RepEmail = "boss@corp.test" } };

        Assert.IsType<LeadChange.Unchanged>(LeadDispatcher.Reassign(stuck, decision, SlaWatch.Actor, now));
        var escalated = Assert.IsType<LeadChange.Applied>(SlaWatch.MarkReminded(stuck, SlaAction.Escalate, now)).Lead;
        Assert.Equal(SlaAction.None, SlaWatch.Decide(escalated, Sla, now.AddMinutes(1)).Action);
    }

    [Fact]
    public void Reassignment_moves_the_lead_resets_the_sla_and_remembers_the_previous_rep()
    {
        var directory = SampleDirectory.With(SampleDirectory.Rep("Alice"), SampleDirectory.Rep("Bob"));
        var now = Monday.AddMinutes(15);
        var decision = LeadAssigner.Reassign(Assigned, directory, TeamRotation.Start("industry"), now);

        var applied = Assert.IsType<LeadChange.Applied>(LeadDispatcher.Reassign(Assigned, decision, SlaWatch.Actor, now));

        Assert.Equal("bob@corp.test", applied.Lead.Assignment!.RepEmail);
        Assert.Equal(["alice@corp.test"], applied.Lead.PreviousAssignees);
        Assert.Equal(1, applied.Lead.ReassignmentCount);
        Assert.Equal(now.AddMinutes(5), applied.Lead.SlaDueAt);
        Assert.Null(applied.Lead.RemindedAt);
        Assert.Equal(new LeadEvent(LeadEventType.Reassigned, now, "sla-watch", decision.Assignment.Reason), applied.Events[0]);
    }

    [Fact]
    public void Velocity_splits_system_delay_from_human_delay()
    {
        var lead = Assigned with { RepNotifiedAt = Monday.AddSeconds(20), RepAcceptedAt = Monday.AddMinutes(3) };

        var velocity = LeadVelocity.Of(lead);

        Assert.Equal(TimeSpan.FromSeconds(20), velocity.SystemDelay);
        Assert.Equal(TimeSpan.FromSeconds(160), velocity.HumanDelay);
        Assert.Equal(TimeSpan.FromMinutes(3), velocity.CaptureToAccept);
    }
}
