using LeadIntake.Core.Dispatch.Mails;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Core.Screening;
using LeadIntake.Functions.Dispatch;
using LeadIntake.Functions.Intake;
using LeadIntake.Functions.Screening;
using LeadIntake.Functions.Stages;
using LeadIntake.Functions.Tests.Stages.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadIntake.Functions.Tests.Stages;

/// <summary>
/// Screening dispatches an MQL in the same run (<c>NextStep.Continue</c>), with the rep mail's outbox claim on the
/// assignment save and its sent mark on the rep-notified save; the dispatch queue stays the fallback and the retry path.
/// </summary>
public sealed class InlineDispatchTests
{
    private readonly DispatchStageParts _p = new();

    private StageHarness H => _p.H;

    private DispatchLeadHandler Dispatcher(bool inline = true) =>
        new(RunnerWith(null), _p.Directory, _p.Rotations, _p.Owners, _p.Links,
            new FixedOptions<DispatchOptions>(new DispatchOptions { DefaultRepEmail = DispatchStageParts.DefaultRep, InlineAfterScreening = inline }),
            H.Time, NullLogger<DispatchLeadHandler>.Instance);

    private StageRunner RunnerWith(IStageContinuation? next) =>
        new(H.Store, H.Steps, H.Time, NullLogger<StageRunner>.Instance, next is null ? null : new StageContinuations(() => [next]));

    private ScreenLeadHandler Screener(bool inline = true, bool countClientBursts = true)
    {
        var settings = new FixedOptions<ScreeningOptions>(new ScreeningOptions
        {
            ServiceMailbox = "service@fonderie-test.example",
            HrMailbox = "rh@fonderie-test.example",
            MarketingMailbox = "marketing@fonderie-test.example",
            CountClientBursts = countClientBursts,
        });
        var links = new MailboxLinks(
            new FixedOptions<LinksOptions>(new LinksOptions { SigningKey = DispatchStageParts.SigningKey }),
            new FixedOptions<IntakeOptions>(new IntakeOptions()),
            H.Time);
        return new ScreenLeadHandler(H.Store, H.Contacts, RunnerWith(Dispatcher(inline)), LeadScreener.Screen, links,
            new ScreeningContextSource(settings, NullLogger<ScreeningContextSource>.Instance), settings, new FixedOptions<LeadIntake.Functions.Privacy.PrivacyOptions>(new LeadIntake.Functions.Privacy.PrivacyOptions()), H.Time, NullLogger<ScreenLeadHandler>.Instance);
    }

    private Lead PutCaptured(string? client = null)
    {
        var lead = StageLeads.Captured(H.Time.GetUtcNow());
        if (client is not null) lead = lead with { Captured = lead.Captured with { Signals = lead.Captured.Signals with { ClientFingerprint = client } } };
        H.Store.Put(lead);
        return lead;
    }

    private string RepMailPurpose(LeadId id) => RoutedLeadMail.PurposeFor(H.Store.Get(id).Assignment!);

    [Fact]
    public async Task Screening_an_mql_assigns_it_and_mails_the_rep_in_the_same_run_without_the_dispatch_queue()
    {
        var lead = PutCaptured();

        await Screener().HandleAsync(lead.Id, CancellationToken.None);

        var done = H.Store.Get(lead.Id);
        Assert.Equal(LeadStatus.Assigned, done.Status);
        Assert.NotNull(done.RepNotifiedAt);
        Assert.Empty(H.Queue.On(PipelineQueue.Dispatch));
        Assert.Single(H.Outbox.Deliveries);
        Assert.Equal(MailSendState.Sent, H.Outbox.StateOf(lead.Id, RepMailPurpose(lead.Id)));
    }

    [Fact]
    public async Task The_rep_mail_claim_rides_on_the_assignment_save_and_its_sent_mark_on_the_notified_save()
    {
        var lead = PutCaptured();

        await Screener().HandleAsync(lead.Id, CancellationToken.None);

        var saves = H.Store.SavedWith.Where(s => s.Lead == lead.Id).ToList();
        Assert.Equal(3, saves.Count); // screened, assigned, rep notified: no other write of the lead
        Assert.Empty(saves[0].Mail);
        var claim = Assert.IsType<LeadMailRow.Claimed>(Assert.Single(saves[1].Mail));
        Assert.Equal(LeadStatus.Assigned, saves[1].Status);
        var sent = Assert.IsType<LeadMailRow.Sent>(Assert.Single(saves[2].Mail));
        Assert.Equal(claim.Purpose, sent.Purpose);
        Assert.Equal(0, H.Outbox.RecordedApart);
    }

    [Fact]
    public async Task A_failed_inline_dispatch_queues_the_lead_and_the_queued_run_mails_the_rep_once()
    {
        var lead = PutCaptured();
        H.Outbox.FailNext();

        await Screener().HandleAsync(lead.Id, CancellationToken.None);

        Assert.Equal(LeadStatus.Assigned, H.Store.Get(lead.Id).Status);
        Assert.Null(H.Store.Get(lead.Id).RepNotifiedAt);
        Assert.Equal([lead.Id], H.Queue.On(PipelineQueue.Dispatch));
        Assert.Empty(H.Outbox.Deliveries);
        Assert.Equal(MailSendState.Pending, H.Outbox.StateOf(lead.Id, RepMailPurpose(lead.Id))); // released: the retry sends at once

        await Dispatcher().HandleAsync(lead.Id, CancellationToken.None);

        Assert.NotNull(H.Store.Get(lead.Id).RepNotifiedAt);
        Assert.Single(H.Outbox.Deliveries);
    }

    [Fact]
    public async Task With_inline_dispatch_turned_off_screening_queues_the_mql_as_before()
    {
        var lead = PutCaptured();

        await Screener(inline: false).HandleAsync(lead.Id, CancellationToken.None);

        Assert.Equal(LeadStatus.Mql, H.Store.Get(lead.Id).Status);
        Assert.Equal([lead.Id], H.Queue.On(PipelineQueue.Dispatch));
        Assert.Empty(H.Outbox.Deliveries);
    }

    [Fact]
    public async Task Screening_redelivered_after_an_inline_dispatch_mails_nobody_again_and_queues_nothing()
    {
        var lead = PutCaptured();
        var screener = Screener();

        await screener.HandleAsync(lead.Id, CancellationToken.None);
        int saves = H.Store.Saves;
        await screener.HandleAsync(lead.Id, CancellationToken.None);

        Assert.Single(H.Outbox.Deliveries);
        Assert.Equal(saves, H.Store.Saves);
        Assert.Empty(H.Queue.Messages);
    }

    [Fact]
    public async Task A_concurrent_change_before_the_assignment_save_is_decided_again_and_the_rep_is_mailed_once()
    {
        var lead = PutCaptured();
        H.Store.BeforeNextSave(_ => { }); // the screening save goes through
        H.Store.BeforeNextSave(store => store.Put(store.Get(lead.Id))); // another writer saves the MQL first

        await Screener().HandleAsync(lead.Id, CancellationToken.None);

        Assert.Equal(1, H.Store.ConcurrentRefusals);
        Assert.Equal(LeadStatus.Assigned, H.Store.Get(lead.Id).Status);
        Assert.NotNull(H.Store.Get(lead.Id).RepNotifiedAt);
        Assert.Single(H.Outbox.Deliveries);
        Assert.Empty(H.Queue.On(PipelineQueue.Dispatch));
    }

    [Fact]
    public async Task A_failed_notified_save_still_records_the_mail_as_sent_so_the_redelivery_does_not_send_it_again()
    {
        var lead = _p.PutMql();
        H.Store.BeforeNextSave(store => store.FailNextSaves()); // the assignment saves; the rep-notified save after the mail fails

        await Assert.ThrowsAsync<IOException>(() => Dispatcher().HandleAsync(lead.Id, CancellationToken.None));

        Assert.Single(H.Outbox.Deliveries);
        Assert.Equal(1, H.Outbox.RecordedApart);
        Assert.Null(H.Store.Get(lead.Id).RepNotifiedAt);

        await Dispatcher().HandleAsync(lead.Id, CancellationToken.None); // the queue's redelivery

        Assert.Single(H.Outbox.Deliveries);
        Assert.NotNull(H.Store.Get(lead.Id).RepNotifiedAt);
    }

    [Fact]
    public async Task A_screening_redelivery_finishes_an_inline_dispatch_that_stopped_before_the_rep_was_told()
    {
        var lead = PutCaptured();
        H.Store.BeforeNextSave(_ => { }); // screened
        H.Store.BeforeNextSave(store => store.FailNextSaves()); // assigned; then the notified save fails, and so does the fallback queue put
        H.Queue.FailNext();

        await Assert.ThrowsAsync<IOException>(() => Screener().HandleAsync(lead.Id, CancellationToken.None));
        Assert.Equal(LeadStatus.Assigned, H.Store.Get(lead.Id).Status);
        Assert.Empty(H.Queue.Messages);

        await Screener().HandleAsync(lead.Id, CancellationToken.None); // the screening message comes back

        Assert.NotNull(H.Store.Get(lead.Id).RepNotifiedAt);
        Assert.Single(H.Outbox.Deliveries);
    }

    [Fact]
    public async Task Screening_records_no_client_key_when_client_bursts_are_not_counted()
    {
        var lead = PutCaptured(client: "10.1.2.3");
        var clientKey = ContactKeys.ForClient("10.1.2.3")!;

        await Screener(countClientBursts: false).HandleAsync(lead.Id, CancellationToken.None);

        Assert.Empty(await H.Contacts.FindSinceAsync(clientKey, lead.CapturedAt.AddDays(-1), CancellationToken.None));
        Assert.Contains(lead.Id, await H.Contacts.FindSinceAsync(ContactKeys.ForEmail(lead.Contact.Email)!, lead.CapturedAt.AddDays(-1), CancellationToken.None));
    }

    [Fact]
    public async Task Screening_records_the_client_key_when_client_bursts_are_counted()
    {
        var lead = PutCaptured(client: "10.1.2.3");

        await Screener(countClientBursts: true).HandleAsync(lead.Id, CancellationToken.None);

        Assert.Contains(lead.Id, await H.Contacts.FindSinceAsync(ContactKeys.ForClient("10.1.2.3")!, lead.CapturedAt.AddDays(-1), CancellationToken.None));
    }
}
