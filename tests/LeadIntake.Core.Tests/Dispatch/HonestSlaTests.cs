using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Links;
using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Dispatch.Sla;
using LeadIntake.Core.Leads;
using Microsoft.Extensions.Time.Testing;
using static LeadIntake.Core.Tests.SampleLeads;

namespace LeadIntake.Core.Tests.Dispatch;

/// <summary>The SLA promises only what it can keep: a deadline exists when someone else could take the lead.</summary>
public sealed class HonestSlaTests
{
    private static readonly TeamSla Sla = new() { AcceptWithin = TimeSpan.FromMinutes(5), ReassignAfter = TimeSpan.FromMinutes(15) };
    private static readonly RepActionLinks Links = new("https://l.test/accept", "https://l.test/qualify", "https://l.test/disqualify", "https://l.test/nurture", "https://l.test/lead");

    private static SalesDirectory Team(params string[] members) => new()
    {
        Reps = members.Select(m => new SalesRep { Email = $"{m}@corp.test", Name = m }).ToList(),
        Teams =
        [
            new SalesTeam
            {
                Id = "industry", Name = "Industry", Members = members.Select(m => $"{m}@corp.test").ToList(),
                ManagerEmail = "boss@corp.test", FallbackOwner = $"{members[0]}@corp.test", Sla = Sla,
            },
        ],
        DefaultTeamId = "industry",
    };

    private static (LeadChange Change, AssignmentDecision Decision) Dispatch(SalesDirectory directory, FakeTimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var lead = Mql(at: now);
        var route = new TeamRoute(directory.DefaultTeam, null, "test");
        var decision = LeadAssigner.Assign(lead, directory, route, TeamRotation.Start("industry"), owner: null, now);
        return (LeadDispatcher.Dispatch(lead, decision, now, LeadAssigner.HasAlternative(lead, decision, directory, now)), decision);
    }

    [Fact]
    public void A_lead_nobody_else_can_take_gets_no_deadline_and_its_mail_promises_none()
    {
        var clock = new FakeTimeProvider(Monday);
        var (change, decision) = Dispatch(Team("alice"), clock);
        var lead = Assert.IsType<LeadChange.Applied>(change).Lead;

        Assert.Null(lead.SlaDueAt);
        var mail = RoutedLeadMail.Compose(lead, decision.Assignment, Links, "en", TimeZoneInfo.Utc, Sla.AcceptWithin);
        Assert.DoesNotContain("next rep", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Accept before", mail.HtmlBody, StringComparison.Ordinal);
        var french = RoutedLeadMail.Compose(lead, decision.Assignment, Links, "fr", TimeZoneInfo.Utc, Sla.AcceptWithin);
        Assert.DoesNotContain("commercial suivant", french.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lead_someone_else_could_take_gets_a_deadline_from_the_assignment()
    {
        var clock = new FakeTimeProvider(Monday);
        var lead = Assert.IsType<LeadChange.Applied>(Dispatch(Team("alice", "bob"), clock).Change).Lead;

        Assert.Equal(Monday.AddMinutes(5), lead.SlaDueAt);
        Assert.Equal(Monday, lead.SlaStartedAt);
    }

    [Fact]
    public void A_lead_without_a_deadline_is_never_reminded_nor_reassigned()
    {
        var clock = new FakeTimeProvider(Monday);
        var lead = Assert.IsType<LeadChange.Applied>(Dispatch(Team("alice"), clock).Change).Lead;

        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(new SlaDecision(SlaAction.None, null), SlaWatch.Decide(lead, Sla, clock.GetUtcNow()));
    }

    [Fact]
    public void A_directory_loaded_later_starts_the_sla_of_an_old_lead_when_it_first_becomes_eligible()
    {
        var clock = new FakeTimeProvider(Monday);
        // Dispatched to the default rep before any directory existed, by the code that always set a deadline.
        var old = InStatus(LeadStatus.Assigned, Monday) with
        {
            AssignedTeam = "default", SlaDueAt = Monday.AddMinutes(5),
            Assignment = new RepAssignment("sales@corp.test", "Sales", "no assignment rules configured → default rep", Monday),
        };
        clock.Advance(TimeSpan.FromDays(3)); // the directory is seeded three days later
        var directory = Team("alice", "bob");
        var now = clock.GetUtcNow();

        Assert.True(SlaWatch.AwaitsStart(old, directory));
        Assert.True(LeadAssigner.CanMoveOn(old, directory, TeamRotation.Start("industry"), now));
        var started = Assert.IsType<LeadChange.Applied>(SlaWatch.Start(old, Sla, now));
        Assert.Equal(LeadEventType.SlaStarted, started.Events.Single().Type);
        var lead = started.Lead;
        Assert.False(SlaWatch.AwaitsStart(lead, directory));

        Assert.Equal(SlaAction.None, SlaWatch.Decide(lead, Sla, now).Action);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(SlaAction.Remind, SlaWatch.Decide(lead, Sla, clock.GetUtcNow()).Action);
        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.NotEqual(SlaAction.Reassign, SlaWatch.Decide(lead, Sla, clock.GetUtcNow()).Action);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(SlaAction.Reassign, SlaWatch.Decide(lead, Sla, clock.GetUtcNow()).Action);
        Assert.Equal(now.AddMinutes(15), SlaWatch.ReassignAt(lead, Sla));
    }

    [Fact]
    public void An_old_lead_nobody_else_can_take_loses_its_false_deadline()
    {
        var clock = new FakeTimeProvider(Monday.AddDays(3));
        var old = InStatus(LeadStatus.Assigned, Monday) with { AssignedTeam = "default", SlaDueAt = Monday.AddMinutes(5) };
        var directory = Team("alice");

        Assert.True(SlaWatch.AwaitsStart(old, directory));
        Assert.False(LeadAssigner.CanMoveOn(old, directory, TeamRotation.Start("industry"), clock.GetUtcNow()));
        var suspended = Assert.IsType<LeadChange.Applied>(SlaWatch.Suspend(old, clock.GetUtcNow())).Lead;
        Assert.Null(suspended.SlaDueAt);
        Assert.IsType<LeadChange.Unchanged>(SlaWatch.Suspend(suspended, clock.GetUtcNow()));
    }

    [Fact]
    public void A_lead_whose_team_gains_a_second_rep_starts_its_sla_then_and_not_before()
    {
        var clock = new FakeTimeProvider(Monday);
        var lead = Assert.IsType<LeadChange.Applied>(Dispatch(Team("alice"), clock).Change).Lead;
        clock.Advance(TimeSpan.FromHours(5));
        var grown = Team("alice", "bob");

        Assert.True(SlaWatch.AwaitsStart(lead, grown));
        Assert.True(LeadAssigner.CanMoveOn(lead, grown, TeamRotation.Start("industry"), clock.GetUtcNow()));
        var started = Assert.IsType<LeadChange.Applied>(SlaWatch.Start(lead, Sla, clock.GetUtcNow())).Lead;
        Assert.Equal(clock.GetUtcNow().AddMinutes(5), started.SlaDueAt);
    }
}
