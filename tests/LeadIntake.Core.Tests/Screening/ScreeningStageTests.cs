using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using LeadIntake.Core.Stages;

namespace LeadIntake.Core.Tests.Screening;

/// <summary>The screening stage's pure decision: the change to save and the steps that follow, the same on a redelivery.</summary>
public sealed class ScreeningStageTests
{
    private static readonly ScreeningFacts Facts = new()
    {
        Context = ScreeningLeads.RulesOnly,
        ServiceMailbox = new RoutedMailbox("service@example.test", "https://leads.example.test/api/mailbox/leads/x/return_to_sales?t=s"),
        HrMailbox = new RoutedMailbox("rh@example.test", null),
        MarketingMailbox = new RoutedMailbox("marketing@example.test", null),
    };

    private static Lead Captured(DateTimeOffset at) =>
        Lead.Capture(ScreeningLeads.Form("Bonjour, pouvez-vous nous envoyer un devis pour 40 pièces en fonte ?"), LeadId.New(at), at).Lead;

    private static ScreeningOutcome Forced(Lead lead, ScreeningContext context, DateTimeOffset now, LeadTrigger trigger, LeadIntent intent)
    {
        var real = LeadScreener.Screen(lead, context, now);
        return real with { Trigger = trigger, Decision = real.Decision with { Intent = intent } };
    }

    [Fact]
    public void A_lead_found_screened_gets_the_same_next_steps_as_when_it_was_saved()
    {
        var lead = Captured(ScreeningLeads.Now);
        var first = ScreeningStage.Decide(lead, Facts, (l, c, n) => Forced(l, c, n, LeadTrigger.RouteToService, LeadIntent.Service), ScreeningLeads.Now);
        var saved = Assert.IsType<LeadChange.Applied>(first.Change).Lead;

        var again = ScreeningStage.Decide(saved, Facts, (_, _, _) => throw new InvalidOperationException("a screened lead is not screened again"), ScreeningLeads.Now.AddMinutes(5));

        Assert.IsType<LeadChange.Unchanged>(again.Change);
        Assert.Equal(first.Next.Select(s => s.GetType()), again.Next.Select(s => s.GetType()));
        var mail = Assert.IsType<NextStep.SendMail>(again.Next[^1]).Mail;
        Assert.Equal("service@example.test", mail.To.Address);
        Assert.Contains(Facts.ServiceMailbox.ReturnToSalesLink!, mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_commercial_lead_of_a_known_contact_is_closed_as_a_touch_and_hands_the_touch_to_the_open_lead()
    {
        var open = Captured(ScreeningLeads.Now.AddDays(-2)).MovedTo(LeadStatus.Accepted, ScreeningLeads.Now.AddDays(-1));
        var lead = Captured(ScreeningLeads.Now);

        var decision = ScreeningStage.Decide(lead, Facts with { EarlierContactLeads = [open] }, (l, c, n) => Forced(l, c, n, LeadTrigger.MarkMql, LeadIntent.Commercial), ScreeningLeads.Now);

        var attached = Assert.IsType<LeadChange.Applied>(decision.Change);
        Assert.Equal((LeadStatus.Lost, open.Id), (attached.Lead.Status, attached.Lead.AttachedTo));
        Assert.Contains(attached.Events, e => e.Type == LeadEventType.AttachedTo);
        var touch = Assert.IsType<NextStep.Then>(decision.Next[^1]);
        Assert.Equal(open.Id, touch.Lead);
        Assert.DoesNotContain(decision.Next, s => s is NextStep.Enqueue);

        var touched = touch.Decide(open, ScreeningLeads.Now);
        Assert.Equal([lead.Id.Value], Assert.IsType<LeadChange.Applied>(touched.Change).Lead.Touches);
        Assert.Empty(touched.Next); // accepted, not mql: the rep already has it
    }

    [Fact]
    public void An_mql_continues_to_dispatch_in_the_same_run_and_a_redelivery_asks_for_the_same()
    {
        var lead = Captured(ScreeningLeads.Now);
        var first = ScreeningStage.Decide(lead, Facts, (l, c, n) => Forced(l, c, n, LeadTrigger.MarkMql, LeadIntent.Commercial), ScreeningLeads.Now);
        var saved = Assert.IsType<LeadChange.Applied>(first.Change).Lead;

        var again = ScreeningStage.Decide(saved, Facts, (_, _, _) => throw new InvalidOperationException("a screened lead is not screened again"), ScreeningLeads.Now.AddMinutes(5));

        Assert.Equal(new NextStep.Continue(PipelineQueue.Dispatch, lead.Id), first.Next[^1]);
        Assert.Equal(first.Next[^1], again.Next[^1]);
        Assert.DoesNotContain(first.Next, s => s is NextStep.Enqueue);
    }

    [Fact]
    public void A_lead_assigned_without_its_rep_told_gets_its_dispatch_continued_by_a_screening_redelivery()
    {
        var assigned = Captured(ScreeningLeads.Now).MovedTo(LeadStatus.Assigned, ScreeningLeads.Now);

        var decision = ScreeningStage.Decide(assigned, Facts, LeadScreener.Screen, ScreeningLeads.Now);

        Assert.IsType<LeadChange.Unchanged>(decision.Change);
        Assert.Equal(new NextStep.Continue(PipelineQueue.Dispatch, assigned.Id), decision.Next[^1]);
    }

    [Fact]
    public void A_lead_that_moved_on_takes_no_step_from_a_late_screening_message()
    {
        var assigned = Captured(ScreeningLeads.Now).MovedTo(LeadStatus.Assigned, ScreeningLeads.Now) with { RepNotifiedAt = ScreeningLeads.Now };

        var decision = ScreeningStage.Decide(assigned, Facts, LeadScreener.Screen, ScreeningLeads.Now);

        Assert.IsType<LeadChange.Unchanged>(decision.Change);
        Assert.Empty(decision.Next);
    }
}
