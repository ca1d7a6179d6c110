using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Tests.Stages.Fakes;

namespace LeadIntake.Functions.Tests.Stages;

/// <summary>
/// The SLA watch through the stage runner, with in-memory storage, outbox and directory. The team reminds at 5
/// minutes and moves the lead on at 15 (the default SLA); the test's clock moves, the test runs the ticks.
/// </summary>
public sealed class SlaWatchHandlerTests
{
    private readonly DispatchStageParts _p = new();

    private Task TickAsync() => _p.Sla.RunAsync(CancellationToken.None);

    private static string Other(string rep) => rep == StageDirectory.Alice ? StageDirectory.Bob : StageDirectory.Alice;

    private IReadOnlyList<string> PurposesSent(LeadId id) => _p.H.Outbox.SentAbout(id).Select(m => m.Purpose.Split('/')[0]).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task An_unaccepted_lead_is_reminded_once_after_the_first_deadline()
    {
        var lead = await _p.PutAssignedAsync();
        _p.H.Time.Advance(TimeSpan.FromMinutes(2));
        await TickAsync();
        Assert.Null(_p.H.Store.Get(lead.Id).RemindedAt);

        _p.H.Time.Advance(TimeSpan.FromMinutes(4));
        await TickAsync();
        await TickAsync();

        var reminded = _p.H.Store.Get(lead.Id);
        Assert.Equal(_p.H.Time.GetUtcNow(), reminded.RemindedAt);
        Assert.Equal([LeadEventType.Assigned, LeadEventType.RepNotified, LeadEventType.SlaReminded], _p.EventTypes(lead.Id));
        var reminder = Assert.Single(_p.H.Outbox.SentAbout(lead.Id), m => m.Purpose.StartsWith(SlaReminderMail.Purpose, StringComparison.Ordinal));
        Assert.Equal(lead.Assignment!.RepEmail, reminder.To.Address);
        Assert.Equal(2, _p.H.Outbox.Attempts); // the routed mail and one reminder: the second tick sends nothing
    }

    [Fact]
    public async Task A_lead_still_unaccepted_at_the_second_deadline_moves_to_the_next_rep_who_is_mailed_and_the_manager_is_told()
    {
        var lead = await _p.PutAssignedAsync();
        var first = lead.Assignment!.RepEmail;
        _p.H.Time.Advance(TimeSpan.FromMinutes(6));
        await TickAsync();
        _p.H.Time.Advance(TimeSpan.FromMinutes(10));

        await TickAsync();

        var moved = _p.H.Store.Get(lead.Id);
        Assert.Equal(Other(first), moved.Assignment!.RepEmail);
        Assert.Equal([first], moved.PreviousAssignees);
        Assert.Equal(1, moved.ReassignmentCount);
        Assert.Null(moved.RemindedAt);
        Assert.Equal(LeadEventType.Reassigned, _p.EventTypes(lead.Id)[^1]);
        var sent = _p.H.Outbox.SentAbout(lead.Id);
        Assert.Single(sent, m => m.To.Address == Other(first) && m.Purpose == RoutedLeadMail.PurposeFor(moved.Assignment));
        Assert.Single(sent, m => m.To.Address == StageDirectory.Boss && m.Purpose.StartsWith(ReassignmentNoticeMail.Purpose + "/", StringComparison.Ordinal));
        Assert.Equal(2, _p.Rotations.Saves); // the dispatch's turn and the reassignment's
    }

    [Fact]
    public async Task At_the_reassignment_limit_the_lead_stays_and_the_manager_is_told_once()
    {
        _p.Directory.Setup = StageDirectory.Setup(new TeamSla { MaxReassignments = 0 });
        var lead = await _p.PutAssignedAsync();
        _p.H.Time.Advance(TimeSpan.FromMinutes(16));

        await TickAsync();
        await TickAsync();

        var escalated = _p.H.Store.Get(lead.Id);
        Assert.Equal(lead.Assignment, escalated.Assignment);
        Assert.Equal(LeadEventType.SlaEscalated, _p.EventTypes(lead.Id)[^1]);
        var notice = Assert.Single(_p.H.Outbox.SentAbout(lead.Id), m => m.To.Address == StageDirectory.Boss);
        Assert.StartsWith(ReassignmentNoticeMail.Purpose + "/escalated/", notice.Purpose, StringComparison.Ordinal);
        Assert.Single(_p.EventTypes(lead.Id), t => t == LeadEventType.SlaEscalated);
    }

    [Fact]
    public async Task A_reminder_whose_mail_failed_is_not_marked_and_the_next_tick_sends_and_marks_it()
    {
        var lead = await _p.PutAssignedAsync();
        _p.H.Time.Advance(TimeSpan.FromMinutes(6));
        _p.H.Outbox.FailNext();

        await TickAsync(); // the failure is logged for this lead; the watch goes on
        Assert.Null(_p.H.Store.Get(lead.Id).RemindedAt);
        Assert.DoesNotContain(SlaReminderMail.Purpose, PurposesSent(lead.Id));

        _p.H.Time.Advance(TimeSpan.FromSeconds(30));
        await TickAsync();

        Assert.NotNull(_p.H.Store.Get(lead.Id).RemindedAt);
        Assert.Equal([RoutedLeadMail.Purpose, SlaReminderMail.Purpose], PurposesSent(lead.Id));
        Assert.Single(_p.EventTypes(lead.Id), t => t == LeadEventType.SlaReminded);
    }

    [Fact]
    public async Task A_reassignment_whose_mails_failed_is_mailed_to_the_new_rep_on_a_later_tick_and_only_once()
    {
        var lead = await _p.PutAssignedAsync();
        var next = Other(lead.Assignment!.RepEmail);
        _p.H.Time.Advance(TimeSpan.FromMinutes(6));
        await TickAsync();
        _p.H.Time.Advance(TimeSpan.FromMinutes(10));
        _p.H.Outbox.FailNext();

        await TickAsync(); // saved, then the new rep's mail fails
        Assert.Equal(next, _p.H.Store.Get(lead.Id).Assignment!.RepEmail);
        Assert.DoesNotContain(_p.H.Outbox.SentAbout(lead.Id), m => m.To.Address == next);

        _p.H.Time.Advance(TimeSpan.FromMinutes(2));
        await TickAsync();
        await TickAsync();

        Assert.Single(_p.H.Outbox.SentAbout(lead.Id), m => m.To.Address == next);
        Assert.Single(_p.EventTypes(lead.Id), t => t == LeadEventType.Reassigned);
    }

    [Fact]
    public async Task A_lead_accepted_just_before_the_reassignment_is_saved_stays_with_its_rep_and_nobody_is_mailed()
    {
        var lead = await _p.PutAssignedAsync();
        var rep = lead.Assignment!.RepEmail;
        _p.H.Time.Advance(TimeSpan.FromMinutes(6));
        await TickAsync();
        _p.H.Time.Advance(TimeSpan.FromMinutes(10));
        var mailsBefore = _p.H.Outbox.Sent.Count;
        _p.H.Store.BeforeNextSave(s => s.Put(s.Get(lead.Id).MovedTo(LeadStatus.Accepted, _p.H.Time.GetUtcNow())));

        await TickAsync();

        var found = _p.H.Store.Get(lead.Id);
        Assert.Equal(LeadStatus.Accepted, found.Status);
        Assert.Equal(rep, found.Assignment!.RepEmail);
        Assert.Equal(1, _p.H.Store.ConcurrentRefusals);
        Assert.DoesNotContain(LeadEventType.Reassigned, _p.EventTypes(lead.Id));
        Assert.Equal(mailsBefore, _p.H.Outbox.Sent.Count);
    }

    [Fact]
    public async Task One_leads_failure_does_not_stop_the_watch_for_the_others()
    {
        var first = await _p.PutAssignedAsync();
        _p.H.Time.Advance(TimeSpan.FromMilliseconds(10));
        var second = await _p.PutAssignedAsync();
        _p.H.Time.Advance(TimeSpan.FromMinutes(6));
        _p.H.Outbox.FailNext();

        await TickAsync();

        var reminded = new[] { first.Id, second.Id }.Count(id => _p.H.Store.Get(id).RemindedAt is not null);
        Assert.Equal(1, reminded);
        await TickAsync();
        Assert.All(new[] { first.Id, second.Id }, id => Assert.NotNull(_p.H.Store.Get(id).RemindedAt));
    }

    [Fact]
    public async Task Without_a_directory_the_watch_does_nothing()
    {
        _p.Directory.Setup = null;
        var lead = await _p.PutAssignedAsync();
        var saves = _p.H.Store.Saves;
        _p.H.Time.Advance(TimeSpan.FromHours(1));

        await TickAsync();

        Assert.Equal(saves, _p.H.Store.Saves);
        Assert.Single(_p.H.Outbox.SentAbout(lead.Id));
    }
}
