using LeadIntake.Core.Leads;
using LeadIntake.Core.Screening;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Functions.Dispatch;
using LeadIntake.Functions.Intake;
using LeadIntake.Functions.Screening;
using LeadIntake.Functions.Tests.Stages.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadIntake.Functions.Tests.Stages;

/// <summary>
/// The screening stage through the stage runner, on in-memory fakes: the real screener with the app's default rules
/// and model, or a decider that forces an outcome the test needs (routed, held for review).
/// </summary>
public sealed class ScreenLeadHandlerTests
{
    private const string ServiceMailbox = "service@fonderie-test.example";
    private readonly StageHarness _h = new();
    private LeadIntake.Functions.Privacy.PrivacyOptions Privacy { get; } = new() { NoticeUrl = "https://www.fonderie-test.example/privacy", NoticeVersion = "2026-11" };

    private ScreenLeadHandler Handler(ScreeningDecider? screen = null)
    {
        var settings = new FixedOptions<ScreeningOptions>(new ScreeningOptions
        {
            ServiceMailbox = ServiceMailbox,
            HrMailbox = "rh@fonderie-test.example",
            MarketingMailbox = "marketing@fonderie-test.example",
        });
        var links = new MailboxLinks(
            new FixedOptions<LinksOptions>(new LinksOptions { SigningKey = Convert.ToBase64String(new byte[32]) }),
            new FixedOptions<IntakeOptions>(new IntakeOptions()),
            _h.Time);
        return new ScreenLeadHandler(_h.Store, _h.Contacts, _h.Runner, screen ?? LeadScreener.Screen, links,
            new ScreeningContextSource(settings, NullLogger<ScreeningContextSource>.Instance), settings, new FixedOptions<LeadIntake.Functions.Privacy.PrivacyOptions>(Privacy), _h.Time, NullLogger<ScreenLeadHandler>.Instance);
    }

    /// <summary>The real screener's verdict (so the contact is normalised) with the trigger and intent forced.</summary>
    private static ScreeningDecider Forced(LeadTrigger trigger, LeadIntent intent) => (lead, context, now) =>
    {
        var real = LeadScreener.Screen(lead, context, now);
        return real with { Trigger = trigger, Decision = real.Decision with { Intent = intent } };
    };

    [Fact]
    public async Task Screen_quarantines_a_honeypot_submission_as_spam_and_queues_nothing()
    {
        var captured = StageLeads.Captured(_h.Time.GetUtcNow());
        var lead = Put(captured with { Captured = captured.Captured with { Signals = captured.Captured.Signals with { HoneypotFilled = true } } });

        await Handler().HandleAsync(lead.Id, CancellationToken.None);

        Assert.Equal(LeadStatus.Spam, _h.Store.Get(lead.Id).Status);
        Assert.Empty(_h.Queue.Messages);
        Assert.Empty(_h.Outbox.Sent);
        Assert.Contains(lead.Id, await _h.Contacts.FindSinceAsync(ContactKeys.ForEmail(lead.Contact.Email)!, lead.CapturedAt.AddDays(-1), CancellationToken.None));
    }

    [Fact]
    public async Task Screen_makes_a_quote_request_an_mql_and_queues_it_for_dispatch()
    {
        var lead = Put(StageLeads.Captured(_h.Time.GetUtcNow()));

        await Handler().HandleAsync(lead.Id, CancellationToken.None);

        var screened = _h.Store.Get(lead.Id);
        Assert.Equal(LeadStatus.Mql, screened.Status);
        Assert.Equal(LeadIntent.Commercial, screened.Intent);
        Assert.Single(_h.Store.Events(lead.Id), e => e.Type == LeadEventType.Screened);
        Assert.Equal([lead.Id], _h.Queue.On(PipelineQueue.Dispatch));
    }

    [Fact]
    public async Task Screen_redelivered_after_the_save_queues_the_dispatch_again_without_saving_twice()
    {
        var lead = Put(StageLeads.Captured(_h.Time.GetUtcNow()));
        var handler = Handler();

        await handler.HandleAsync(lead.Id, CancellationToken.None);
        await handler.HandleAsync(lead.Id, CancellationToken.None);

        Assert.Equal(1, _h.Store.Saves);
        Assert.Single(_h.Store.Events(lead.Id), e => e.Type == LeadEventType.Screened);
        Assert.Equal([lead.Id, lead.Id], _h.Queue.On(PipelineQueue.Dispatch));
    }

    [Fact]
    public async Task Screen_mails_a_service_request_to_the_service_mailbox_once_even_when_redelivered()
    {
        var lead = Put(StageLeads.Captured(_h.Time.GetUtcNow()));
        var handler = Handler(Forced(LeadTrigger.RouteToService, LeadIntent.Service));

        await handler.HandleAsync(lead.Id, CancellationToken.None);
        await handler.HandleAsync(lead.Id, CancellationToken.None);

        Assert.Equal(LeadStatus.RoutedService, _h.Store.Get(lead.Id).Status);
        var mail = Assert.Single(_h.Outbox.SentAbout(lead.Id));
        Assert.Equal(RoutedRequestMail.PurposeFor(LeadIntent.Service), mail.Purpose);
        Assert.Equal(ServiceMailbox, mail.To.Address);
        Assert.Contains($"/api/mailbox/leads/{lead.Id.Value}/return_to_sales?t=", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, _h.Outbox.Attempts);
        Assert.Empty(_h.Queue.Messages);
    }

    [Fact]
    public async Task Screen_holds_a_doubtful_lead_in_the_review_queue_and_mails_nobody()
    {
        var lead = Put(StageLeads.Captured(_h.Time.GetUtcNow()));

        await Handler(Forced(LeadTrigger.HoldForReview, LeadIntent.Spam)).HandleAsync(lead.Id, CancellationToken.None);

        Assert.Equal(LeadStatus.Review, _h.Store.Get(lead.Id).Status);
        Assert.Equal([lead.Id], await _h.Review.ListAsync(CancellationToken.None));
        Assert.Empty(_h.Outbox.Sent);
        Assert.Empty(_h.Queue.Messages);
    }

    [Fact]
    public async Task Screen_attaches_a_known_contacts_new_lead_as_a_touch_that_wakes_the_nurtured_lead_and_dispatches_it()
    {
        var now = _h.Time.GetUtcNow();
        var nurtured = Put(StageLeads.InStatus(LeadStatus.Nurture, now.AddDays(-3)));
        await _h.Contacts.RecordAsync(nurtured.Id, ContactKeys.For(nurtured.Contact, nurtured.Captured.Signals).All, CancellationToken.None);
        var lead = Put(StageLeads.Captured(now));

        await Handler().HandleAsync(lead.Id, CancellationToken.None);

        var attached = _h.Store.Get(lead.Id);
        Assert.Equal(LeadStatus.Lost, attached.Status);
        Assert.Equal(nurtured.Id, attached.AttachedTo);
        var touched = _h.Store.Get(nurtured.Id);
        Assert.Equal(LeadStatus.Mql, touched.Status);
        Assert.Equal([lead.Id.Value], touched.Touches);
        Assert.Equal([nurtured.Id], _h.Queue.On(PipelineQueue.Dispatch));
    }

    [Fact]
    public async Task Screen_redelivered_after_a_touch_records_it_once_and_dispatches_the_touched_lead_again()
    {
        var now = _h.Time.GetUtcNow();
        var nurtured = Put(StageLeads.InStatus(LeadStatus.Nurture, now.AddDays(-3)));
        await _h.Contacts.RecordAsync(nurtured.Id, ContactKeys.For(nurtured.Contact, nurtured.Captured.Signals).All, CancellationToken.None);
        var lead = Put(StageLeads.Captured(now));
        var handler = Handler();

        await handler.HandleAsync(lead.Id, CancellationToken.None);
        await handler.HandleAsync(lead.Id, CancellationToken.None);

        Assert.Single(_h.Store.Events(nurtured.Id), e => e.Type == LeadEventType.Touch);
        Assert.Equal([nurtured.Id, nurtured.Id], _h.Queue.On(PipelineQueue.Dispatch));
    }

    [Fact]
    public async Task Screen_arriving_after_the_lead_moved_on_saves_nothing_and_takes_no_step()
    {
        // Assigned and its rep told: dispatch owns it now (an assigned lead whose rep was not told gets its dispatch
        // finished instead: InlineDispatchTests).
        var lead = Put(StageLeads.InStatus(LeadStatus.Assigned, _h.Time.GetUtcNow()) with { RepNotifiedAt = _h.Time.GetUtcNow() });

        await Handler().HandleAsync(lead.Id, CancellationToken.None);

        Assert.Equal(0, _h.Store.Saves);
        Assert.Equal(LeadStatus.Assigned, _h.Store.Get(lead.Id).Status);
        Assert.Empty(_h.Queue.Messages);
    }

    [Fact]
    public async Task Screen_of_an_unknown_lead_completes_without_doing_anything()
    {
        await Handler().HandleAsync(LeadId.New(_h.Time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(0, _h.Store.Saves);
        Assert.Empty(_h.Queue.Messages);
    }

    [Fact]
    public async Task Screen_decides_once_more_on_the_fresh_lead_when_it_changed_concurrently()
    {
        var lead = Put(StageLeads.Captured(_h.Time.GetUtcNow()));
        var callAt = _h.Time.GetUtcNow().AddSeconds(5);
        // Another writer (a late intake update) saves first; its change must survive the screening save.
        _h.Store.BeforeNextSave(s => s.Put(s.Get(lead.Id) with { LastProgressAt = callAt }));

        await Handler().HandleAsync(lead.Id, CancellationToken.None);

        var screened = _h.Store.Get(lead.Id);
        Assert.Equal(1, _h.Store.ConcurrentRefusals);
        Assert.Equal(LeadStatus.Mql, screened.Status);
        Assert.Equal(callAt, screened.LastProgressAt);
        Assert.Equal([lead.Id], _h.Queue.On(PipelineQueue.Dispatch));
    }

    [Fact]
    public async Task Screen_whose_dispatch_enqueue_failed_after_the_save_is_repaired_by_the_redelivery()
    {
        var lead = Put(StageLeads.Captured(_h.Time.GetUtcNow()));
        var handler = Handler();
        _h.Queue.FailNext();

        await Assert.ThrowsAsync<IOException>(() => handler.HandleAsync(lead.Id, CancellationToken.None));
        Assert.Equal(LeadStatus.Mql, _h.Store.Get(lead.Id).Status);
        Assert.Empty(_h.Queue.Messages);

        await handler.HandleAsync(lead.Id, CancellationToken.None);

        Assert.Equal([lead.Id], _h.Queue.On(PipelineQueue.Dispatch));
        Assert.Single(_h.Store.Events(lead.Id), e => e.Type == LeadEventType.Screened);
    }

    [Fact]
    public async Task Screen_of_a_released_lead_skips_the_review_and_stores_its_intent_as_an_example_from_who_released_it()
    {
        var now = _h.Time.GetUtcNow();
        var releasedAt = now.AddMinutes(-2);
        var lead = Put(StageLeads.Captured(now.AddMinutes(-10)) with { ReleasedFromQuarantine = true },
            new LeadEvent(LeadEventType.Released, releasedAt, "marketing@fonderie-test.example", "correction: not spam (was held for review)"));

        await Handler(Forced(LeadTrigger.HoldForReview, LeadIntent.Commercial)).HandleAsync(lead.Id, CancellationToken.None);

        Assert.Equal(LeadStatus.Mql, _h.Store.Get(lead.Id).Status);
        Assert.Empty(await _h.Review.ListAsync(CancellationToken.None));
        var example = Assert.Single(_h.Feedback.Examples);
        Assert.Equal((LeadIntent.Commercial, FeedbackSource.Released, "marketing@fonderie-test.example", releasedAt), (example.Label, example.Source, example.Actor, example.At));
        Assert.Equal([lead.Id], _h.Queue.On(PipelineQueue.Dispatch));
    }

    [Fact]
    public async Task Screen_acknowledges_an_accepted_email_lead_once_with_the_notice_link_even_when_redelivered()
    {
        var lead = Put(EmailLead());
        var handler = Handler();

        await handler.HandleAsync(lead.Id, CancellationToken.None);
        await handler.HandleAsync(lead.Id, CancellationToken.None);

        Assert.Equal(LeadStatus.Mql, _h.Store.Get(lead.Id).Status);
        var ack = Assert.Single(_h.Outbox.SentAbout(lead.Id), m => m.Purpose == LeadIntake.Core.Privacy.AcknowledgementMail.Purpose);
        Assert.Equal("jeanne@fonderie-vosges.example", ack.To.Address);
        Assert.Contains("https://www.fonderie-test.example/privacy", ack.TextBody, StringComparison.Ordinal);
        Assert.Contains("Nous avons bien reçu votre demande", ack.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("devis pour 40", ack.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screen_acknowledges_a_routed_email_request_too()
    {
        var lead = Put(EmailLead());

        await Handler(Forced(LeadTrigger.RouteToService, LeadIntent.Service)).HandleAsync(lead.Id, CancellationToken.None);

        Assert.Contains(_h.Outbox.SentAbout(lead.Id), m => m.Purpose == LeadIntake.Core.Privacy.AcknowledgementMail.Purpose);
    }

    [Fact]
    public async Task Screen_acknowledges_no_spam_no_lead_held_for_review_and_no_auto_reply()
    {
        var spam = Put(EmailLead());
        var held = Put(EmailLead());
        var autoReply = Put(EmailLead(autoReply: true));

        await Handler(Forced(LeadTrigger.Quarantine, LeadIntent.Spam)).HandleAsync(spam.Id, CancellationToken.None);
        await Handler(Forced(LeadTrigger.HoldForReview, LeadIntent.Spam)).HandleAsync(held.Id, CancellationToken.None);
        await Handler().HandleAsync(autoReply.Id, CancellationToken.None);

        Assert.Equal(LeadStatus.Spam, _h.Store.Get(spam.Id).Status);
        Assert.Equal(LeadStatus.Review, _h.Store.Get(held.Id).Status);
        Assert.DoesNotContain(_h.Outbox.SentAbout(spam.Id), m => m.Purpose == LeadIntake.Core.Privacy.AcknowledgementMail.Purpose);
        Assert.DoesNotContain(_h.Outbox.SentAbout(held.Id), m => m.Purpose == LeadIntake.Core.Privacy.AcknowledgementMail.Purpose);
        Assert.DoesNotContain(_h.Outbox.SentAbout(autoReply.Id), m => m.Purpose == LeadIntake.Core.Privacy.AcknowledgementMail.Purpose);
    }

    [Fact]
    public async Task Screen_sends_no_acknowledgement_when_it_is_turned_off()
    {
        Privacy.AcknowledgeEmailLeads = false;
        var lead = Put(EmailLead());

        await Handler().HandleAsync(lead.Id, CancellationToken.None);

        Assert.Equal(LeadStatus.Mql, _h.Store.Get(lead.Id).Status);
        Assert.Empty(_h.Outbox.SentAbout(lead.Id));
    }

    private Lead EmailLead(bool autoReply = false)
    {
        var lead = StageLeads.Captured(_h.Time.GetUtcNow());
        _h.Time.Advance(TimeSpan.FromMilliseconds(1));
        return lead with
        {
            Captured = lead.Captured with
            {
                Channel = Channel.Email,
                Provider = "sendgrid",
                Subject = "Demande de devis",
                Signals = AntiBotSignals.None with { AutoReply = autoReply },
            },
        };
    }

    private Lead Put(Lead lead, params LeadEvent[] events)
    {
        _h.Store.Put(lead, events);
        return lead;
    }
}
