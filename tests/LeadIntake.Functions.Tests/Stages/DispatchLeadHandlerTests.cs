using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Tests.Stages.Fakes;

namespace LeadIntake.Functions.Tests.Stages;

/// <summary>Dispatch through the stage runner, with in-memory storage, outbox and directory: no Azurite, no SMTP.</summary>
public sealed class DispatchLeadHandlerTests
{
    private readonly DispatchStageParts _p = new();

    [Fact]
    public async Task An_mql_is_assigned_by_the_rules_then_its_rep_is_mailed_and_the_lead_marked_notified()
    {
        var lead = _p.PutMql();

        await _p.Dispatch.HandleAsync(lead.Id, CancellationToken.None);

        var saved = _p.H.Store.Get(lead.Id);
        Assert.Equal(LeadStatus.Assigned, saved.Status);
        Assert.Equal("industry", saved.AssignedTeam);
        Assert.Contains(saved.Assignment!.RepEmail, new[] { StageDirectory.Alice, StageDirectory.Bob });
        Assert.NotNull(saved.SlaDueAt); // Alice and Bob can stand in for each other: a deadline applies
        Assert.Equal(_p.H.Time.GetUtcNow(), saved.RepNotifiedAt);
        Assert.Equal([LeadEventType.Assigned, LeadEventType.RepNotified], _p.EventTypes(lead.Id));
        var mail = Assert.Single(_p.H.Outbox.SentAbout(lead.Id));
        Assert.Equal(saved.Assignment.RepEmail, mail.To.Address);
        Assert.Equal(RoutedLeadMail.PurposeFor(saved.Assignment), mail.Purpose);
        Assert.Contains("https://leads.test/api/rep/leads/" + lead.Id.Value + "/accept?t=", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, _p.Rotations.Saves);
    }

    [Fact]
    public async Task Without_a_directory_the_default_rep_gets_the_lead_without_a_deadline()
    {
        _p.Directory.Setup = null;
        var lead = _p.PutMql();

        await _p.Dispatch.HandleAsync(lead.Id, CancellationToken.None);

        var saved = _p.H.Store.Get(lead.Id);
        Assert.Equal(DispatchStageParts.DefaultRep, saved.Assignment!.RepEmail);
        Assert.Null(saved.SlaDueAt);
        Assert.Equal(DispatchStageParts.DefaultRep, Assert.Single(_p.H.Outbox.SentAbout(lead.Id)).To.Address);
        Assert.Equal(0, _p.Rotations.Saves);
    }

    [Fact]
    public async Task A_duplicate_delivery_sends_no_second_mail_and_takes_no_second_rotation_turn()
    {
        var lead = _p.PutMql();
        await _p.Dispatch.HandleAsync(lead.Id, CancellationToken.None);
        var first = _p.H.Store.Get(lead.Id);

        await _p.Dispatch.HandleAsync(lead.Id, CancellationToken.None);

        Assert.Equal(first, _p.H.Store.Get(lead.Id));
        Assert.Equal(1, _p.H.Outbox.Attempts);
        Assert.Equal(1, _p.Rotations.Saves);
        Assert.Equal(1, _p.Rotations.Of("industry").Pointer);
        Assert.Equal([LeadEventType.Assigned, LeadEventType.RepNotified], _p.EventTypes(lead.Id));
    }

    [Fact]
    public async Task A_mail_failure_after_the_assignment_is_saved_is_repaired_by_the_redelivery()
    {
        var lead = _p.PutMql();
        _p.H.Outbox.FailNext();

        await Assert.ThrowsAsync<IOException>(() => _p.Dispatch.HandleAsync(lead.Id, CancellationToken.None));
        var assigned = _p.H.Store.Get(lead.Id);
        Assert.Equal(LeadStatus.Assigned, assigned.Status);
        Assert.Null(assigned.RepNotifiedAt);
        Assert.Empty(_p.H.Outbox.Sent);

        _p.H.Time.Advance(TimeSpan.FromSeconds(30));
        await _p.Dispatch.HandleAsync(lead.Id, CancellationToken.None);

        var notified = _p.H.Store.Get(lead.Id);
        Assert.Equal(assigned.Assignment, notified.Assignment); // the same rep, not a second turn
        Assert.Equal(_p.H.Time.GetUtcNow(), notified.RepNotifiedAt);
        Assert.Equal(assigned.Assignment!.RepEmail, Assert.Single(_p.H.Outbox.SentAbout(lead.Id)).To.Address);
        Assert.Equal(1, _p.Rotations.Saves);
        Assert.Equal([LeadEventType.Assigned, LeadEventType.RepNotified], _p.EventTypes(lead.Id));
    }

    [Fact]
    public async Task A_lead_assigned_and_accepted_by_a_parallel_delivery_meanwhile_is_not_assigned_again()
    {
        var lead = _p.PutMql();
        var now = _p.H.Time.GetUtcNow();
        // Another instance took the same message first: Bob has the lead, was mailed and has already accepted it.
        _p.H.Store.BeforeNextSave(s => s.Put(
            s.Get(lead.Id).MovedTo(LeadStatus.Assigned, now).MovedTo(LeadStatus.Accepted, now) with
            {
                Assignment = new RepAssignment(StageDirectory.Bob, "Bob", "parallel delivery", now),
                AssignedTeam = "industry",
                RepNotifiedAt = now,
            }));

        await _p.Dispatch.HandleAsync(lead.Id, CancellationToken.None);

        var found = _p.H.Store.Get(lead.Id);
        Assert.Equal(LeadStatus.Accepted, found.Status);
        Assert.Equal(StageDirectory.Bob, found.Assignment!.RepEmail);
        Assert.Equal(1, _p.H.Store.ConcurrentRefusals);
        Assert.DoesNotContain(LeadEventType.Assigned, _p.EventTypes(lead.Id));
        Assert.Empty(_p.H.Outbox.Sent);
    }

    [Fact]
    public async Task A_lead_assigned_by_a_parallel_delivery_whose_rep_is_not_yet_mailed_gets_that_reps_mail_not_a_second_rep()
    {
        var lead = _p.PutMql();
        var now = _p.H.Time.GetUtcNow();
        var bob = new RepAssignment(StageDirectory.Bob, "Bob", "parallel delivery", now.AddMilliseconds(-5));
        _p.H.Store.BeforeNextSave(s => s.Put(s.Get(lead.Id).MovedTo(LeadStatus.Assigned, now) with { Assignment = bob, AssignedTeam = "industry" }));

        await _p.Dispatch.HandleAsync(lead.Id, CancellationToken.None);

        var found = _p.H.Store.Get(lead.Id);
        Assert.Equal(bob, found.Assignment);
        Assert.NotNull(found.RepNotifiedAt);
        var mail = Assert.Single(_p.H.Outbox.SentAbout(lead.Id));
        Assert.Equal(StageDirectory.Bob, mail.To.Address);
        Assert.Equal(RoutedLeadMail.PurposeFor(bob), mail.Purpose);
    }

    [Fact]
    public async Task A_dispatch_message_for_a_lead_still_captured_does_nothing_and_takes_no_turn()
    {
        var lead = StageLeads.Captured(_p.H.Time.GetUtcNow());
        _p.H.Store.Put(lead);

        await _p.Dispatch.HandleAsync(lead.Id, CancellationToken.None);

        Assert.Equal(LeadStatus.Captured, _p.H.Store.Get(lead.Id).Status);
        Assert.Equal(0, _p.H.Store.Saves);
        Assert.Empty(_p.H.Outbox.Sent);
        Assert.Equal(0, _p.Rotations.Saves);
    }

    [Fact]
    public async Task A_message_for_an_unknown_lead_is_completed_without_any_effect()
    {
        await _p.Dispatch.HandleAsync(LeadId.New(_p.H.Time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(0, _p.H.Store.Saves);
        Assert.Empty(_p.H.Outbox.Sent);
        Assert.Equal(0, _p.Rotations.Saves);
    }
}
