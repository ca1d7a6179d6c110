using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Dispatch.Sla;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Dispatch;

/// <summary>The dispatch and SLA deciders return their effects as values: what to save, then which mails and marks follow.</summary>
public sealed class DispatchStageTests
{
    private static readonly RepMailPolicy Mails = new(new RepMailLinks(new ActionLinkSigner(new byte[32]), "https://leads.test", TimeSpan.FromDays(1)));
    private static readonly SalesDirectory Directory = SampleDirectory.With(SampleDirectory.Rep("Alice"), SampleDirectory.Rep("Bob"));
    private static readonly RoutingSetup Setup = new(Directory, [SampleDirectory.FrIndustry]);

    private static DispatchFacts FactsFor(Lead lead)
    {
        var route = LeadAssigner.Route(lead, Directory, Setup.Rules);
        var decision = LeadAssigner.Assign(lead, Directory, route, TeamRotation.Start(route.Team.Id), owner: null, Monday);
        return new DispatchFacts(Setup, decision, SlaApplies: true, Mails);
    }

    [Fact]
    public void An_mql_is_saved_as_assigned_then_mailed_then_marked_notified_in_that_order()
    {
        var lead = Mql(message: "usinage de pièces");

        var decision = DispatchStage.Decide(lead, FactsFor(lead), Monday);

        var saved = Assert.IsType<LeadChange.Applied>(decision.Change);
        Assert.Equal(LeadStatus.Assigned, saved.Lead.Status);
        Assert.Equal([LeadEventType.Assigned], saved.Events.Select(e => e.Type));
        Assert.Collection(decision.Next,
            step => Assert.Equal(saved.Lead.Assignment!.RepEmail, Assert.IsType<NextStep.SendMail>(step).Mail.To.Address),
            step => Assert.Equal(DispatchStage.RepNotifiedStage, Assert.IsType<NextStep.Then>(step).Stage));
    }

    [Fact]
    public void The_rep_mail_of_a_new_assignment_is_claimed_with_the_save_but_not_the_mail_of_a_redelivery()
    {
        var lead = Mql(message: "usinage de pièces");
        var assigned = DispatchStage.Decide(lead, FactsFor(lead), Monday);
        var saved = Assert.IsType<LeadChange.Applied>(assigned.Change).Lead;

        var again = DispatchStage.Decide(saved, FactsFor(lead) with { Assignment = null }, Monday.AddMinutes(1));

        Assert.True(Assert.IsType<NextStep.SendMail>(assigned.Next[0]).ClaimWithSave);
        Assert.False(Assert.IsType<NextStep.SendMail>(again.Next[0]).ClaimWithSave);
    }

    [Fact]
    public void An_assigned_lead_whose_rep_was_not_notified_gets_the_same_steps_without_a_save()
    {
        var lead = InStatus(LeadStatus.Assigned, Monday);

        var decision = DispatchStage.Decide(lead, FactsFor(Mql()) with { Assignment = null }, Monday.AddMinutes(1));

        Assert.IsType<LeadChange.Unchanged>(decision.Change);
        Assert.Equal([typeof(NextStep.SendMail), typeof(NextStep.Then)], decision.Next.Select(s => s.GetType()));
        Assert.Equal(RoutedLeadMail.PurposeFor(lead.Assignment!), ((NextStep.SendMail)decision.Next[0]).Mail.Purpose);
    }

    [Fact]
    public void A_notified_lead_and_a_captured_lead_get_nothing()
    {
        var notified = InStatus(LeadStatus.Assigned, Monday) with { RepNotifiedAt = Monday };
        var captured = Lead.Capture(Mql().Captured, LeadId.New(Monday), Monday).Lead;

        Assert.Empty(DispatchStage.Decide(notified, FactsFor(Mql()), Monday).Next);
        var early = DispatchStage.Decide(captured, FactsFor(Mql()), Monday);
        Assert.IsType<LeadChange.Unchanged>(early.Change);
        Assert.Empty(early.Next);
    }

    [Fact]
    public void The_rep_is_marked_notified_once()
    {
        var lead = InStatus(LeadStatus.Assigned, Monday);

        var first = DispatchStage.MarkNotified(lead, Monday.AddSeconds(2));
        var marked = Assert.IsType<LeadChange.Applied>(first.Change).Lead;
        var again = DispatchStage.MarkNotified(marked, Monday.AddSeconds(3));

        Assert.Equal(Monday.AddSeconds(2), marked.RepNotifiedAt);
        Assert.IsType<LeadChange.Unchanged>(again.Change);
    }

    [Fact]
    public void A_due_reminder_is_mailed_before_the_lead_is_marked_and_the_mark_is_not_repeated()
    {
        var lead = InStatus(LeadStatus.Assigned, Monday) with { SlaStartedAt = Monday, SlaDueAt = Monday.AddMinutes(5) };
        var team = Directory.FindTeam("industry")!;
        var facts = new SlaFacts(Setup, team, Rotation: null, Reassignment: null, Mails);

        var (outcome, decision) = SlaWatchStage.Decide(lead, facts, Monday.AddMinutes(6));

        Assert.Equal(SlaOutcome.Reminded, outcome);
        Assert.IsType<LeadChange.Unchanged>(decision.Change);
        var mail = Assert.IsType<NextStep.SendMail>(decision.Next[0]);
        Assert.StartsWith(SlaReminderMail.Purpose + "/", mail.Mail.Purpose, StringComparison.Ordinal);
        var mark = Assert.IsType<NextStep.Then>(decision.Next[1]);
        var marked = Assert.IsType<LeadChange.Applied>(mark.Decide(lead, Monday.AddMinutes(6)).Change).Lead;
        Assert.IsType<LeadChange.Unchanged>(mark.Decide(marked, Monday.AddMinutes(7)).Change);
        var (nextTick, nothing) = SlaWatchStage.Decide(marked, facts, Monday.AddMinutes(7));
        Assert.Equal(SlaOutcome.None, nextTick);
        Assert.Empty(nothing.Next);
    }
}
