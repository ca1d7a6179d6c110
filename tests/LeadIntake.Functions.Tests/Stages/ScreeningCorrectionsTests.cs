using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Functions.Screening;
using LeadIntake.Functions.Tests.Stages.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadIntake.Functions.Tests.Stages;

/// <summary>Release, confirm spam and return to sales through the stage runner: saved once, their follow-ups repeatable.</summary>
public sealed class ScreeningCorrectionsTests
{
    private const string Mailbox = "service@fonderie-test.example";
    private readonly StageHarness _h = new();

    private ScreeningCorrections Corrections => new(_h.Runner, NullLogger<ScreeningCorrections>.Instance);

    private async Task<StoredLead> HeldForReviewAsync()
    {
        var lead = StageLeads.InStatus(LeadStatus.Review, _h.Time.GetUtcNow());
        _h.Store.Put(lead);
        await _h.Review.AddAsync(lead.Id, lead.CapturedAt, CancellationToken.None);
        return (await _h.Store.FindAsync(lead.Id, CancellationToken.None))!;
    }

    private async Task<StoredLead> PutAsync(Lead lead)
    {
        _h.Store.Put(lead);
        return (await _h.Store.FindAsync(lead.Id, CancellationToken.None))!;
    }

    [Fact]
    public async Task Release_of_a_lead_held_for_review_takes_it_out_of_the_queue_and_queues_it_for_screening()
    {
        var stored = await HeldForReviewAsync();

        var change = await Corrections.ReleaseAsync(stored, "admin", "a real customer", CancellationToken.None);

        var released = Assert.IsType<LeadChange.Applied>(change).Lead;
        Assert.Equal(LeadStatus.Captured, released.Status);
        Assert.True(released.ReleasedFromQuarantine);
        Assert.Empty(await _h.Review.ListAsync(CancellationToken.None));
        Assert.Equal([stored.Lead.Id], _h.Queue.On(PipelineQueue.Captured));
        Assert.Single(_h.Store.Events(stored.Lead.Id), e => e.Type == LeadEventType.Released);
    }

    [Fact]
    public async Task Release_asked_twice_saves_once_and_queues_the_lead_for_screening_again()
    {
        var stored = await HeldForReviewAsync();
        await Corrections.ReleaseAsync(stored, "admin", null, CancellationToken.None);

        var again = await Corrections.ReleaseAsync((await _h.Store.FindAsync(stored.Lead.Id, CancellationToken.None))!, "admin", null, CancellationToken.None);

        Assert.IsType<LeadChange.Unchanged>(again);
        Assert.Equal(1, _h.Store.Saves);
        Assert.Equal([stored.Lead.Id, stored.Lead.Id], _h.Queue.On(PipelineQueue.Captured));
    }

    [Fact]
    public async Task Release_of_an_mql_is_refused_and_nothing_follows()
    {
        var stored = await PutAsync(StageLeads.InStatus(LeadStatus.Mql, _h.Time.GetUtcNow()));

        var change = await Corrections.ReleaseAsync(stored, "admin", null, CancellationToken.None);

        Assert.IsType<LeadChange.Rejected>(change);
        Assert.Equal(0, _h.Store.Saves);
        Assert.Empty(_h.Queue.Messages);
    }

    [Fact]
    public async Task Confirm_spam_quarantines_the_lead_leaves_the_review_queue_and_stores_a_spam_example()
    {
        var stored = await HeldForReviewAsync();

        var change = await Corrections.ConfirmSpamAsync(stored, "admin", CancellationToken.None);

        Assert.Equal(LeadStatus.Spam, Assert.IsType<LeadChange.Applied>(change).Lead.Status);
        Assert.Empty(await _h.Review.ListAsync(CancellationToken.None));
        var example = Assert.Single(_h.Feedback.Examples);
        Assert.Equal((LeadIntent.Spam, FeedbackSource.ConfirmedSpam, "admin"), (example.Label, example.Source, example.Actor));
    }

    [Fact]
    public async Task Confirm_spam_after_a_concurrent_release_is_decided_on_the_fresh_lead_and_refused()
    {
        var stored = await HeldForReviewAsync();
        // The marketing mailbox released it a moment before the admin's click is saved.
        _h.Store.BeforeNextSave(s => s.Put(s.Get(stored.Lead.Id).MovedTo(LeadStatus.Captured, _h.Time.GetUtcNow()) with { ReleasedFromQuarantine = true }));

        var change = await Corrections.ConfirmSpamAsync(stored, "admin", CancellationToken.None);

        Assert.IsType<LeadChange.Rejected>(change);
        Assert.Equal(1, _h.Store.ConcurrentRefusals);
        Assert.Equal(LeadStatus.Captured, _h.Store.Get(stored.Lead.Id).Status);
        Assert.Empty(_h.Feedback.Examples);
    }

    [Fact]
    public async Task Return_to_sales_makes_the_routed_request_an_mql_stores_a_commercial_example_and_queues_dispatch()
    {
        var stored = await PutAsync(StageLeads.InStatus(LeadStatus.RoutedService, _h.Time.GetUtcNow()) with { Intent = LeadIntent.Service });

        var change = await Corrections.ReturnToSalesAsync(stored, Mailbox, CancellationToken.None);

        Assert.Equal(LeadStatus.Mql, Assert.IsType<LeadChange.Applied>(change).Lead.Status);
        var example = Assert.Single(_h.Feedback.Examples);
        Assert.Equal((LeadIntent.Commercial, FeedbackSource.ReturnedToSales, Mailbox), (example.Label, example.Source, example.Actor));
        Assert.Equal([stored.Lead.Id], _h.Queue.On(PipelineQueue.Dispatch));
    }

    [Fact]
    public async Task Return_to_sales_whose_dispatch_enqueue_failed_is_repaired_by_the_second_click()
    {
        var stored = await PutAsync(StageLeads.InStatus(LeadStatus.RoutedService, _h.Time.GetUtcNow()) with { Intent = LeadIntent.Service });
        _h.Queue.FailNext();

        await Assert.ThrowsAsync<IOException>(() => Corrections.ReturnToSalesAsync(stored, Mailbox, CancellationToken.None));
        Assert.Equal(LeadStatus.Mql, _h.Store.Get(stored.Lead.Id).Status);
        Assert.Empty(_h.Queue.Messages);

        await Corrections.FollowReturnAsync((await _h.Store.FindAsync(stored.Lead.Id, CancellationToken.None))!, Mailbox, CancellationToken.None);

        Assert.Equal(1, _h.Store.Saves);
        Assert.Equal([stored.Lead.Id], _h.Queue.On(PipelineQueue.Dispatch));
        Assert.Single(_h.Feedback.Examples);
    }

    [Fact]
    public async Task Return_to_sales_clicked_after_dispatch_assigned_the_lead_changes_nothing_and_queues_nothing()
    {
        var returned = StageLeads.InStatus(LeadStatus.RoutedService, _h.Time.GetUtcNow()).MovedTo(LeadStatus.Mql, _h.Time.GetUtcNow()).MovedTo(LeadStatus.Assigned, _h.Time.GetUtcNow());
        var stored = await PutAsync(returned);

        var change = await Corrections.ReturnToSalesAsync(stored, Mailbox, CancellationToken.None);

        Assert.IsType<LeadChange.Unchanged>(change);
        Assert.Equal(0, _h.Store.Saves);
        Assert.Empty(_h.Queue.Messages);
    }
}
