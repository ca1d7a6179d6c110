using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;
using LeadIntake.Functions.Tests.Stages.Fakes;

namespace LeadIntake.Functions.Tests.Stages;

/// <summary>The one runner every stage goes through: save with the ETag, one more decision after a concurrent change, then the next steps.</summary>
public sealed class StageRunnerTests
{
    private readonly StageHarness _h = new();

    private static StageDecision MoveToMql(Lead lead, DateTimeOffset now) => lead.Status == LeadStatus.Captured
        ? StageDecision.Save(lead.MovedTo(LeadStatus.Mql, now), [new LeadEvent(LeadEventType.Screened, now, "test")], new NextStep.Enqueue(PipelineQueue.Dispatch, lead.Id))
        : StageDecision.Unchanged(lead, "already screened", new NextStep.Enqueue(PipelineQueue.Dispatch, lead.Id));

    [Fact]
    public async Task A_decision_is_saved_with_its_events_and_then_its_next_step_is_taken()
    {
        var lead = StageLeads.Captured(_h.Time.GetUtcNow());
        _h.Store.Put(lead);

        var change = await _h.Runner.RunAsync(lead.Id, "test", MoveToMql, CancellationToken.None);

        var applied = Assert.IsType<LeadChange.Applied>(change);
        Assert.Equal(LeadStatus.Mql, applied.Lead.Status);
        Assert.Equal(LeadStatus.Mql, _h.Store.Get(lead.Id).Status);
        Assert.Contains(_h.Store.Events(lead.Id), e => e.Type == LeadEventType.Screened);
        Assert.Equal([lead.Id], _h.Queue.On(PipelineQueue.Dispatch));
    }

    [Fact]
    public async Task A_concurrent_change_is_decided_once_more_on_the_fresh_lead()
    {
        var lead = StageLeads.Captured(_h.Time.GetUtcNow());
        _h.Store.Put(lead);
        var seen = new List<LeadStatus>();
        // Someone else moves the lead to review just before the stage saves.
        _h.Store.BeforeNextSave(s => s.Put(s.Get(lead.Id).MovedTo(LeadStatus.Review, _h.Time.GetUtcNow())));

        var change = await _h.Runner.RunAsync(lead.Id, "test", (l, now) =>
        {
            seen.Add(l.Status);
            return MoveToMql(l, now);
        }, CancellationToken.None);

        Assert.Equal([LeadStatus.Captured, LeadStatus.Review], seen);
        Assert.Equal(1, _h.Store.ConcurrentRefusals);
        Assert.IsType<LeadChange.Unchanged>(change);
        Assert.Equal(LeadStatus.Review, _h.Store.Get(lead.Id).Status);
        Assert.DoesNotContain(_h.Store.Events(lead.Id), e => e.Type == LeadEventType.Screened);
    }

    [Fact]
    public async Task Two_concurrent_changes_in_a_row_propagate_so_the_queue_retries_the_whole_run()
    {
        var lead = StageLeads.Captured(_h.Time.GetUtcNow());
        _h.Store.Put(lead);
        _h.Store.BeforeNextSave(s => s.Put(s.Get(lead.Id) with { Intent = LeadIntent.Service }));
        _h.Store.BeforeNextSave(s => s.Put(s.Get(lead.Id) with { Intent = LeadIntent.Other }));

        await Assert.ThrowsAsync<LeadChangedConcurrentlyException>(() => _h.Runner.RunAsync(lead.Id, "test", MoveToMql, CancellationToken.None));

        Assert.Equal(LeadStatus.Captured, _h.Store.Get(lead.Id).Status);
        Assert.Empty(_h.Queue.Messages);
    }

    [Fact]
    public async Task A_failure_between_the_save_and_the_next_step_is_repaired_by_the_redelivery()
    {
        var lead = StageLeads.Captured(_h.Time.GetUtcNow());
        _h.Store.Put(lead);
        _h.Queue.FailNext();

        await Assert.ThrowsAsync<IOException>(() => _h.Runner.RunAsync(lead.Id, "test", MoveToMql, CancellationToken.None));
        Assert.Equal(LeadStatus.Mql, _h.Store.Get(lead.Id).Status);
        Assert.Empty(_h.Queue.Messages);

        var redelivered = await _h.Runner.RunAsync(lead.Id, "test", MoveToMql, CancellationToken.None);

        Assert.IsType<LeadChange.Unchanged>(redelivered);
        Assert.Equal([lead.Id], _h.Queue.On(PipelineQueue.Dispatch));
        Assert.Single(_h.Store.Events(lead.Id), e => e.Type == LeadEventType.Screened);
    }

    [Fact]
    public async Task A_rejected_decision_saves_nothing_and_takes_no_step()
    {
        var lead = StageLeads.Captured(_h.Time.GetUtcNow());
        _h.Store.Put(lead);

        var change = await _h.Runner.RunAsync(lead.Id, "test", (_, _) => StageDecision.Reject("not now"), CancellationToken.None);

        Assert.Equal("not now", Assert.IsType<LeadChange.Rejected>(change).Reason);
        Assert.Equal(0, _h.Store.Saves);
        Assert.Empty(_h.Queue.Messages);
    }

    [Fact]
    public async Task An_unknown_lead_is_reported_as_null_and_nothing_happens()
    {
        var change = await _h.Runner.RunAsync(LeadId.New(_h.Time.GetUtcNow()), "test", MoveToMql, CancellationToken.None);

        Assert.Null(change);
        Assert.Empty(_h.Queue.Messages);
    }

    [Fact]
    public async Task A_then_step_runs_its_own_decision_on_another_lead_through_the_same_loop()
    {
        var now = _h.Time.GetUtcNow();
        var first = StageLeads.InStatus(LeadStatus.Nurture, now);
        var second = StageLeads.Captured(now.AddSeconds(1));
        _h.Store.Put(first);
        _h.Store.Put(second);
        StageDecision Touch(Lead l, DateTimeOffset at) =>
            StageDecision.Save(l.MovedTo(LeadStatus.Mql, at), [new LeadEvent(LeadEventType.Touch, at, "test", second.Id.Value)], new NextStep.Enqueue(PipelineQueue.Dispatch, l.Id));

        await _h.Runner.RunAsync(second.Id, "test", (l, at) =>
            StageDecision.Save(l.MovedTo(LeadStatus.Lost, at), [], new NextStep.Then(first.Id, "touch", Touch)), CancellationToken.None);

        Assert.Equal(LeadStatus.Mql, _h.Store.Get(first.Id).Status);
        Assert.Equal([first.Id], _h.Queue.On(PipelineQueue.Dispatch));
    }
}
